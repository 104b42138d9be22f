import ArgumentParser
import BlendRunner
import Foundation

/// Options shared by the commands that run or inspect an experiment.
struct ExperimentOptions: ParsableArguments {
    @Argument(help: "Experiment name (Experiments/NAME.yaml) or path to an experiment file.")
    var name: String

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a key of the experiment file, Hydra style: --set dataset.limit=50 --set 'top_k=[1,2,3]'.", valueName: "key=value"))
    var overrides: [String] = []

    @Option(help: "Directory holding experiment files.")
    var experiments: String = "Experiments"

    @OptionGroup var paths: PathOptions

    func load() throws -> ExperimentSpec {
        try ExperimentFile.load(name, experimentsDirectory: experiments, overrides: overrides)
    }
}

struct PathOptions: ParsableArguments {
    @Option(help: "The SQLite cache file.")
    var cache: String = ProcessInfo.processInfo.environment["BLENDLAB_CACHE"] ?? ".blendlab/cache.sqlite"

    @Option(help: "Directory for results/<name>/ pages.")
    var results: String = "results"
}

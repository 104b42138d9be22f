import ArgumentParser
import BlendModels
import BlendRunner
import Foundation

struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train an experiment's trained rankers (pair-ranker, summareranker) and store their weights.",
        discussion: """
            Trains on the experiment's training data (its train_dataset: block, or the 'train' part of its dataset split) \
            with oracle labels, early-stopping on a validation part carved by instruction hash. The weights are stored in \
            the cache keyed by data, features, hyper-parameters and seed; `blendlab run` reuses them. Already stored \
            weights are reported, not retrained.
            """
    )

    @Option(help: "The ranker id to train (default: every trained ranker of the experiment).")
    var ranker: String?

    @Option(help: "Experiment name (Experiments/NAME.yaml) or path to an experiment file.")
    var experiment: String

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a key of the experiment file: --set train_dataset.path=DIR.", valueName: "key=value"))
    var overrides: [String] = []

    @Option(help: "Directory holding experiment files.")
    var experiments: String = "Experiments"

    @Option(help: "The SQLite cache file.")
    var cache: String = ProcessInfo.processInfo.environment["BLENDLAB_CACHE"] ?? ".blendlab/cache.sqlite"

    @Flag(help: "Print nothing but the summary.")
    var quiet = false

    func run() async throws {
        let spec = try ExperimentFile.load(experiment, experimentsDirectory: experiments, overrides: overrides)
        let runner = Runner(spec: spec, options: RunOptions(cachePath: cache, quiet: quiet, encoders: NativeEncoderProvider(threads: 1)))
        for outcome in try await runner.train(rankerID: ranker) {
            print("\(outcome.ranker): weights \(outcome.weights.prefix(12)); \(outcome.report.summary)")
        }
    }
}

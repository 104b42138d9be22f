import ArgumentParser
import BlendRunner

/// `blendlab models NAME`: the model directories an experiment's components read, one per
/// line, for provisioning (`scripts/provision.sh`).
struct ModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "Print the model directories the rankers and metrics of an experiment read, one per line.",
        discussion: "Nothing when the experiment encodes no text. The file is validated as for run; nothing is loaded."
    )

    @Argument(help: "Experiment name (Experiments/NAME.yaml) or path to an experiment file.")
    var name: String

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a key of the experiment file, as for run.", valueName: "key=value"))
    var overrides: [String] = []

    @Option(help: "Directory holding experiment files.")
    var experiments: String = "Experiments"

    func run() async throws {
        let spec = try ExperimentFile.load(name, experimentsDirectory: experiments, overrides: overrides)
        for model in try spec.encoderModels() { print(model) }
    }
}

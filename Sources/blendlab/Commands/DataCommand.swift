import ArgumentParser
import BlendData
import BlendRunner
import Foundation

struct DataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Provision and check data sets.",
        subcommands: [Fetch.self, Check.self]
    )

    struct Fetch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a data set under the data directory.",
            discussion: """
                Copies from the mirror directory named by BLENDLAB_DATA_MIRROR when set, else downloads from the \
                upstream repository at a pinned commit (BLENDLAB_DATA_URL replaces the upstream base URL). \
                Files already present are kept. Known data sets: alpaca-eval.
                """
        )

        @Argument(help: "Data set name.")
        var dataset: String

        @Option(help: "Data directory.")
        var dataDir: String = "data"

        func run() async throws {
            let env = ProcessInfo.processInfo.environment
            let set = try DataFetcher.dataSet(named: dataset)
            let mirror = env["BLENDLAB_DATA_MIRROR"].flatMap { $0.isEmpty ? nil : $0 }
            let fetcher = DataFetcher(dataDirectory: dataDir, mirror: mirror, baseURL: env["BLENDLAB_DATA_URL"])
            let (fetched, kept) = try await fetcher.fetch(set) { FileHandle.standardError.write(Data("  \($0)\n".utf8)) }
            print("\(dataset): \(fetched) fetched, \(kept) already present, in \(dataDir)/\(set.directory) (from \(mirror ?? fetcher.baseURL ?? set.upstream))")
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load a data set as a run would and report what it found, computing nothing.",
            discussion: """
                Checks the `dataset:` block of an experiment (NAME, with --set overrides), or a data set given by \
                --source and --path (with --set dataset.KEY=VALUE for its other keys). Prints the summary (examples, \
                candidates, empty answers, skipped rows and dropped candidates by reason) and every irregularity \
                with its file and row. Exit 0 when a run could use the data, 1 when not.
                """
        )

        @Argument(help: "Experiment name (Experiments/NAME.yaml) or path to an experiment file.")
        var name: String?

        @Option(help: "Data source (alpaca-eval, mixinstruct, jsonl, fastchat), instead of an experiment.")
        var source: String?

        @Option(help: "Data path, with --source.")
        var path: String?

        @Option(name: .customLong("set"), help: ArgumentHelp("Override a key, Hydra style: --set dataset.on_invalid=error.", valueName: "key=value"))
        var overrides: [String] = []

        @Option(help: "Directory holding experiment files.")
        var experiments: String = "Experiments"

        func validate() throws {
            if name == nil, source == nil || path == nil {
                throw ValidationError("Give an experiment NAME, or both --source and --path.")
            }
            if name != nil, source != nil || path != nil {
                throw ValidationError("Give an experiment NAME or --source and --path, not both (use --set dataset.path=... to change the experiment's path).")
            }
        }

        func run() async throws {
            let spec = if let name {
                try ExperimentFile.load(name, experimentsDirectory: experiments, overrides: overrides).dataset
            } else {
                try DataCheck.dataset(source: source ?? "", path: path ?? "", overrides: overrides)
            }
            let report = DataCheck(spec: spec).run()
            for line in report.lines { print(line) }
            print("irregularities: \(report.irregularities.count)")
            for irregularity in report.irregularities { print("  \(irregularity)") }
            if let problem = report.problem {
                print("not usable: \(problem)")
                throw ExitCode(1)
            }
            print("usable")
        }
    }
}

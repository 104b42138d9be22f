import ArgumentParser
import BlendData
import Foundation

struct DataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Provision data sets.",
        subcommands: [Fetch.self]
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
            try await reportingErrors {
                let env = ProcessInfo.processInfo.environment
                let set = try DataFetcher.dataSet(named: dataset)
                let mirror = env["BLENDLAB_DATA_MIRROR"].flatMap { $0.isEmpty ? nil : $0 }
                let fetcher = DataFetcher(dataDirectory: dataDir, mirror: mirror, baseURL: env["BLENDLAB_DATA_URL"])
                let (fetched, kept) = try await fetcher.fetch(set) { FileHandle.standardError.write(Data("  \($0)\n".utf8)) }
                print("\(dataset): \(fetched) fetched, \(kept) already present, in \(dataDir)/\(set.directory) (from \(mirror ?? fetcher.baseURL ?? set.upstream))")
            }
        }
    }
}

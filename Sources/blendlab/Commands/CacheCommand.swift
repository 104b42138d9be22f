import ArgumentParser
import BlendStore
import Foundation

struct CacheCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Inspect the SQLite cache, or merge caches.",
        subcommands: [Stats.self, Explain.self, Merge.self]
    )

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rows and bytes per stage, and the hits and misses of the last run.")

        @OptionGroup var paths: PathOptions

        func run() async throws {
            let stats = try CacheStore(path: paths.cache).stats()
            print("cache \(paths.cache)")
            print("stage      rows       bytes")
            for s in stats.stages {
                print("\(s.stage.padding(toLength: 10, withPad: " ", startingAt: 0)) \(String(s.rows).leftPad(5)) \(String(s.bytes).leftPad(11))")
            }
            if let experiment = stats.lastRunExperiment {
                print("last run: \(experiment)")
                for s in stats.lastRunStages { print("  \(s.stage): \(s.hits) hits, \(s.misses) misses") }
            } else {
                print("no run recorded yet")
            }
        }
    }

    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "For each miss of the last run of NAME, the key fields that differ from the nearest earlier cached entry."
        )

        @Argument(help: "Experiment name.")
        var name: String

        @OptionGroup var paths: PathOptions

        func run() async throws {
            guard let groups = try CacheStore(path: paths.cache).explain(experiment: name) else {
                print("\(name) has not run on this cache")
                return
            }
            if groups.isEmpty { print("the last run of \(name) had no misses") }
            for g in groups {
                let why = g.differingFields.isEmpty
                    ? "nothing comparable was cached before (first run of this component)"
                    : "differs in " + g.differingFields.joined(separator: ", ")
                print("\(g.count) miss\(g.count == 1 ? "" : "es") in \(g.stage)/\(g.component): \(why)")
            }
        }
    }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}

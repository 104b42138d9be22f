import ArgumentParser
import BlendStore
import Foundation

extension CacheCommand {
    struct Merge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy every entry of other caches (the shards of a run) into one.",
            discussion: """
                Each source must pass PRAGMA integrity_check first; a source that does not is refused and nothing is \
                merged from it. Entries are copied in transactions; one already in DST with the same value is skipped, so \
                merging twice changes nothing. A key that DST holds with a different value is listed, not replaced. \
                Exits 1 when a source was refused or a key conflicts. Only cache entries move, not the run index.
                """
        )

        @Argument(help: "The source cache files.")
        var sources: [String]

        @Option(help: "The cache to merge into (created when missing).")
        var into: String

        func validate() throws {
            if sources.isEmpty { throw ValidationError("name at least one source cache: blendlab cache merge SRC... --into DST") }
        }

        func run() async throws {
            let store = try CacheStore(path: into)
            var refused: [String] = []
            var conflicts = 0
            for source in sources {
                let outcome: MergeOutcome
                do {
                    outcome = try store.merge(from: source)
                } catch let error as StoreError {
                    guard error.concerns(source) else { throw error }
                    FileHandle.standardError.write(Data("error: \(error.errorMessage)\n".utf8))
                    refused.append(source)
                    continue
                }
                print("\(source): \(outcome.entries) entr\(outcome.entries == 1 ? "y" : "ies"): \(outcome.copied) copied, \(outcome.present) already present"
                      + (outcome.conflicts.isEmpty ? "" : ", \(outcome.conflicts.count) conflicting"))
                for c in outcome.conflicts {
                    print("  conflict \(c.stage)/\(c.component) key \(c.key): \(into) holds a different value; key fields \(c.fields.prefix(300))")
                }
                conflicts += outcome.conflicts.count
            }
            if !refused.isEmpty || conflicts > 0 {
                throw StoreError.mergeIncomplete(into: into, refused: refused, conflicts: conflicts)
            }
        }
    }
}

extension StoreError {
    /// Whether the error is about the file at `path` (a source), not the destination.
    func concerns(_ path: String) -> Bool {
        switch self {
        case .refusedSource(let p, _), .corrupt(let p, _): p == path
        default: false
        }
    }
}

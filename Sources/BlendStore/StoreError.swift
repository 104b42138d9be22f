import BlendCore

/// Errors of the SQLite store; messages say which file and what to do.
public enum StoreError: BlendlabError, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    case corrupt(path: String, reason: String)
    /// `cache merge`: a source that cannot be read or fails `PRAGMA integrity_check`.
    case refusedSource(path: String, reason: String)
    /// `cache merge` finished with refused sources or conflicting keys (listed before it).
    case mergeIncomplete(into: String, refused: [String], conflicts: Int)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open the cache at \(path): \(reason). Check that the directory exists, is writable and its disk has free space, or pass --cache PATH."
        case .cannotWrite(let path, let reason):
            "cannot write to the cache at \(path): \(reason). Nothing already stored was lost; free disk space or fix permissions, then run again."
        case .corrupt(let path, let reason):
            "the cache at \(path) is damaged: \(reason). Move it aside and run again to rebuild it."
        case .refusedSource(let path, let reason):
            "refusing to merge \(path): \(reason); nothing was merged from it. Recompute that part (run its shard again into a new file) and merge that."
        case .mergeIncomplete(let into, let refused, let conflicts):
            "merge into \(into) incomplete: "
                + [refused.isEmpty ? nil : "refused \(refused.joined(separator: ", "))",
                   conflicts == 0 ? nil : "\(conflicts) key\(conflicts == 1 ? "" : "s") with a different value in \(into) (listed above; \(into) keeps its values)"]
                .compactMap { $0 }.joined(separator: "; ")
        }
    }
}

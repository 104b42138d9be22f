import BlendCore

/// Errors of the SQLite store; messages say which file and what to do.
public enum StoreError: BlendlabError, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    case corrupt(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open the cache at \(path): \(reason). Check that the directory exists, is writable and its disk has free space, or pass --cache PATH."
        case .cannotWrite(let path, let reason):
            "cannot write to the cache at \(path): \(reason). Nothing already stored was lost; free disk space or fix permissions, then run again."
        case .corrupt(let path, let reason):
            "the cache at \(path) is damaged: \(reason). Move it aside and run again to rebuild it."
        }
    }
}

import BlendCore

/// An error in an experiment file or a `--set` override: where it is and what to fix.
public struct SpecError: BlendlabError, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based line in the file, when known.
    public var line: Int?
    /// Dotted key path (`dataset.limit`, `rankers[1].id`); empty for the whole file.
    public var keyPath: String
    public var message: String

    public init(file: String, line: Int?, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.keyPath = keyPath
        self.message = message
    }

    /// A wrong experiment file or override: fix it and run again.
    public var exitCode: Int32 { 2 }

    public var description: String {
        let location = file + (line.map { ":\($0)" } ?? "")
        return keyPath.isEmpty ? "\(location): \(message)" : "\(location): \(keyPath): \(message)"
    }
}

import BlendCore

/// A notebook rendered with failing cells or values: the pages are written, each error shown
/// in place; the command exits 2 (a wrong notebook or experiment file, like a bad spec).
public struct NotebookError: BlendlabError, Sendable, CustomStringConvertible {
    public var notebook: String
    public var page: String
    public var errors: [String]

    public var exitCode: Int32 { 2 }

    public var description: String {
        "\(notebook): \(errors.count) error\(errors.count == 1 ? "" : "s") (shown in place in \(page)):\n"
            + errors.map { "  " + $0 }.joined(separator: "\n")
    }
}

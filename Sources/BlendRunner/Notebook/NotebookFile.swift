import BlendCore
import Foundation

/// A notebook file (`Notebooks/NAME.md`): Markdown prose with fenced `blendlab` cells, split
/// into its blocks in file order, each with the line it starts on.
public struct NotebookFile: Sendable {
    public enum Block: Sendable {
        /// Prose and the 1-based line of its first line.
        case prose(String, line: Int)
        /// A cell's YAML (between the fences) and the line of its opening fence; `closed` is
        /// false when the file ended before the closing fence.
        case cell(String, line: Int, closed: Bool)
    }

    public var name: String
    public var path: String
    public var blocks: [Block]

    public static func path(for nameOrPath: String, directory: String) -> String {
        if nameOrPath.hasSuffix(".md") || nameOrPath.contains("/") { return nameOrPath }
        return (directory as NSString).appendingPathComponent(nameOrPath + ".md")
    }

    /// Reads `Notebooks/NAME.md` (or a path); a missing file lists the notebooks there.
    public static func load(_ nameOrPath: String, directory: String = "Notebooks") throws -> NotebookFile {
        let path = path(for: nameOrPath, directory: directory)
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            let known = (try? FileManager.default.contentsOfDirectory(atPath: directory))?
                .filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted() ?? []
            throw SpecError(file: path, line: nil, keyPath: "",
                            message: "no such notebook (or not UTF-8); known notebooks: \(known.isEmpty ? "none" : known.joined(separator: ", "))")
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return NotebookFile(name: name, path: path, text: text)
    }

    public init(name: String, path: String, text: String) {
        self.name = name
        self.path = path
        var blocks: [Block] = []
        var prose: [String] = [], proseLine = 1
        var cell: [String]?, cellLine = 0
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for (i, raw) in lines.enumerated() {
            let line = String(raw), number = i + 1
            let fence = line.trimmingCharacters(in: .whitespaces)
            if var body = cell {
                if fence == "```" {
                    blocks.append(.cell(body.joined(separator: "\n"), line: cellLine, closed: true))
                    cell = nil
                    prose = []; proseLine = number + 1
                } else {
                    body.append(line)
                    cell = body
                }
            } else if fence == "```blendlab" {
                if !prose.isEmpty { blocks.append(.prose(prose.joined(separator: "\n"), line: proseLine)) }
                prose = []
                cell = []
                cellLine = number
            } else {
                if prose.isEmpty { proseLine = number }
                prose.append(line)
            }
        }
        if let body = cell { blocks.append(.cell(body.joined(separator: "\n"), line: cellLine, closed: false)) }
        if !prose.isEmpty { blocks.append(.prose(prose.joined(separator: "\n"), line: proseLine)) }
        self.blocks = blocks
    }
}

import BlendCore
import Foundation

/// Reading and writing an experiment's result folder: `result.json` and the pages rendered
/// from it. Files are written to a temporary name and renamed, so a reader never sees half a file.
public enum ResultFiles {
    public static func encode(_ document: ResultDocument) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(document)
    }

    public static func read(from directory: String) throws -> ResultDocument {
        let path = (directory as NSString).appendingPathComponent("result.json")
        guard let data = FileManager.default.contents(atPath: path) else { throw ReportError.missing(path: path) }
        do {
            return try JSONDecoder().decode(ResultDocument.self, from: data)
        } catch {
            throw ReportError.unreadable(path: path, reason: "\(error)")
        }
    }

    /// Writes result.json, report.md and index.html into `directory`.
    public static func write(_ document: ResultDocument, to directory: String) throws {
        try writeAtomically(try encode(document), to: (directory as NSString).appendingPathComponent("result.json"))
        try renderPages(document, to: directory)
    }

    /// Re-renders the pages of `directory` from its result.json alone.
    public static func renderPages(_ document: ResultDocument, to directory: String) throws {
        try writeAtomically(Data(MarkdownReport.render(document).utf8), to: (directory as NSString).appendingPathComponent("report.md"))
        try writeAtomically(Data(HTMLReport.render(document).utf8), to: (directory as NSString).appendingPathComponent("index.html"))
    }

    public static func writeAtomically(_ data: Data, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ReportError.cannotWrite(path: path, reason: error.localizedDescription)
        }
    }
}

public enum ReportError: Error, Sendable, CustomStringConvertible {
    case missing(path: String)
    case unreadable(path: String, reason: String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let path): "\(path) does not exist; run the experiment first (blendlab run NAME)."
        case .unreadable(let path, let reason): "\(path) is not a blendlab result document (\(reason)); re-run the experiment."
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}

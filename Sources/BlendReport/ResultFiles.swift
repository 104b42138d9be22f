import BlendCore
import Foundation

/// Reading and writing an experiment's result folder: `result.json`, the optional
/// `examples.json` (texts), and everything rendered from them: `report.md`, `index.html`,
/// `examples.html` and `tables/<id>.tex|csv`. Files are written to a temporary name and
/// renamed, so a reader never sees half a file.
public enum ResultFiles {
    public static func encode(_ document: ResultDocument) throws -> Data {
        let encoder = JSONEncoder()
        // Compact (sorted keys, no indentation): a 405-example run with 16 rows is 1.6 MB, not 2.9 MB.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document)
    }

    public static func read(from directory: String) throws -> ResultDocument {
        let path = (directory as NSString).appendingPathComponent("result.json")
        guard let data = FileManager.default.contents(atPath: path) else { throw ReportError.missing(path: path) }
        do {
            return try JSONDecoder().decode(ResultDocument.self, from: data).upgraded()
        } catch {
            throw ReportError.unreadable(path: path, reason: "\(error)")
        }
    }

    /// Writes result.json, examples.json (when `texts` is given) and the pages into `directory`.
    public static func write(_ document: ResultDocument, texts: ExampleTexts? = nil, to directory: String) throws {
        try writeAtomically(try encode(document), to: (directory as NSString).appendingPathComponent("result.json"))
        if let texts {
            try writeAtomically(try texts.encoded(), to: (directory as NSString).appendingPathComponent(ExampleTexts.fileName))
        }
        try renderPages(document, texts: texts, to: directory)
    }

    /// Re-renders the pages of `directory` from its result.json and examples.json alone.
    public static func rerender(directory: String) throws -> [String] {
        try renderPages(try read(from: directory), texts: try ExampleTexts.read(from: directory), to: directory)
    }

    /// Writes every page and table file; returns their paths relative to `directory`.
    @discardableResult
    public static func renderPages(_ document: ResultDocument, texts: ExampleTexts? = nil, to directory: String) throws -> [String] {
        var files: [(String, String)] = [("report.md", MarkdownReport.render(document)), ("index.html", HTMLReport.render(document)),
                                         ("examples.html", ExampleBrowser.render(document, texts: texts))]
        for table in HTMLReport.plainTables(document) {
            files.append(("tables/\(table.id).tex", table.latex))
            files.append(("tables/\(table.id).csv", table.csv))
        }
        for (name, text) in files {
            try writeAtomically(Data(text.utf8), to: (directory as NSString).appendingPathComponent(name))
        }
        // A table the document no longer has (say, a run without rankers) leaves no stale export behind.
        let tables = (directory as NSString).appendingPathComponent("tables")
        let written = Set(files.map(\.0))
        for name in (try? FileManager.default.contentsOfDirectory(atPath: tables)) ?? []
        where ["tex", "csv"].contains((name as NSString).pathExtension) && !written.contains("tables/" + name) {
            try? FileManager.default.removeItem(atPath: (tables as NSString).appendingPathComponent(name))
        }
        return files.map(\.0)
    }

    /// Writes `.NAME.partial-PID` beside `path`, then renames it over `path`. A process killed in
    /// between leaves only that partial file, which the next write into the folder removes.
    public static func writeAtomically(_ data: Data, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let partial = (directory as NSString).appendingPathComponent(".\((path as NSString).lastPathComponent)\(partialMarker)\(getpid())")
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            removeAbandonedPartials(in: directory)
            try data.write(to: URL(fileURLWithPath: partial))
            guard rename(partial, path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw ReportError.cannotWrite(path: path, reason: error.localizedDescription)
        }
    }

    static let partialMarker = ".partial-"

    /// Removes partial files whose writer is no longer running (killed mid-write); a concurrent
    /// writer's own partial file is left alone.
    static func removeAbandonedPartials(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(".") {
            guard let marker = name.range(of: partialMarker, options: .backwards), let pid = Int32(name[marker.upperBound...]),
                  pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(name))
        }
    }
}

public enum ReportError: BlendlabError, Sendable, CustomStringConvertible {
    case missing(path: String)
    case unreadable(path: String, reason: String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let path): "\(path) does not exist; run the experiment first (blendlab run NAME)."
        case .unreadable(let path, let reason): "\(path) is not a blendlab result file (\(reason)); re-run the experiment."
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}

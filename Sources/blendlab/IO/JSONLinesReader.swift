import Foundation

/// Reads JSON lines (one JSON object per line) from a file or standard input for the scripting
/// verbs (`score`, later `embed`, `aggregate`). Blank lines are skipped; any other line that
/// does not decode is an error naming the source, the 1-based line number and what is wrong.
struct JSONLinesReader {
    /// Where the lines come from: a path, or nil for standard input.
    var path: String?

    var sourceName: String { path ?? "standard input" }

    func readAll() throws -> Data {
        guard let path else { return FileHandle.standardInput.readDataToEndOfFile() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw JSONLinesError.unreadable(path: path)
        }
        return data
    }

    /// Every non-blank line decoded as `T`, with its 1-based line number.
    func decode<T: Decodable>(_ type: T.Type) throws -> [(line: Int, value: T)] {
        let data = try readAll()
        let decoder = JSONDecoder()
        var out: [(line: Int, value: T)] = []
        var lineNumber = 0
        var start = data.startIndex
        while start < data.endIndex {
            let end = data[start...].firstIndex(of: 0x0A) ?? data.endIndex
            lineNumber += 1
            let line = data[start..<end]
            start = end < data.endIndex ? data.index(after: end) : end
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            do {
                out.append((lineNumber, try decoder.decode(T.self, from: line)))
            } catch {
                throw JSONLinesError.badLine(source: sourceName, line: lineNumber, reason: Self.describe(error))
            }
        }
        return out
    }

    /// A short reason for a decoding error: the missing key or wrong type and where.
    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing key \"\(key.stringValue)\""
        case DecodingError.typeMismatch(let type, let context), DecodingError.valueNotFound(let type, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "\"\(path)\" must be \(type == String.self ? "a string" : "\(type)")"
        case DecodingError.dataCorrupted: return "not valid JSON"
        default: return "\(error)"
        }
    }
}

enum JSONLinesError: Error, CustomStringConvertible {
    case unreadable(path: String)
    case badLine(source: String, line: Int, reason: String)

    var description: String {
        switch self {
        case .unreadable(let path): "cannot read \(path); check the path given to --input"
        case .badLine(let source, let line, let reason):
            "\(source), line \(line): \(reason); each line must be a JSON object"
        }
    }
}

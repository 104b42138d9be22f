import BlendCore
import Foundation

/// Reads JSON lines (one JSON object per line) from a file or standard input for the scripting
/// verbs (`score`, later `embed`, `aggregate`). Blank lines are skipped; any other line that
/// does not decode is an error naming the source, the 1-based line number and what is wrong.
public struct JSONLinesReader: Sendable {
    /// Where the lines come from: a path, or nil for standard input.
    public var path: String?

    public init(path: String?) { self.path = path }

    public var sourceName: String { path ?? "standard input" }

    public func readAll() throws -> Data {
        guard let path else { return FileHandle.standardInput.readDataToEndOfFile() }
        // A regular file is mapped, not copied (its pages are read as the lines are parsed); a
        // pipe or other stream (`--input <(...)`, /dev/stdin) cannot be mapped and is read to its
        // end (FileManager's `contents(atPath:)` returns nil for those).
        if let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) { return data }
        guard let handle = FileHandle(forReadingAtPath: path), let data = try? handle.readToEnd() ?? Data() else {
            throw JSONLinesError.unreadable(path: path)
        }
        try? handle.close()
        return data
    }

    /// Every non-blank line as a flat object (string, number, boolean or null values), with its
    /// 1-based line number: the fast path for long texts. A line that is not such an object is
    /// an error, described by JSONDecoder.
    public func flatObjects() throws -> [(line: Int, value: [String: JSONValue])] {
        var out: [(line: Int, value: [String: JSONValue])] = []
        try forEachFlatObject { out.append(($0, $1)) }
        return out
    }

    /// `flatObjects()` one line at a time: `body` gets each object as it is parsed, so a caller
    /// that keeps only part of each holds no more.
    public func forEachFlatObject(_ body: (_ line: Int, _ object: [String: JSONValue]) throws -> Void) throws {
        let data = try readAll()
        try data.withUnsafeBytes { raw in
            let all = raw.bindMemory(to: UInt8.self)
            var lineNumber = 0, start = 0
            while start < all.count {
                let end = Self.lineEnd(all, from: start)
                lineNumber += 1
                let line = UnsafeBufferPointer(rebasing: all[start..<end])
                start = end + 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                if let object = FlatJSONObject.parse(line) {
                    try body(lineNumber, object)
                    continue
                }
                let reason: String
                do {
                    _ = try JSONDecoder().decode([String: JSONValue].self, from: Data(line))
                    reason = "nested values are not accepted; values must be strings, numbers, booleans or null"
                } catch {
                    reason = Self.describe(error)
                }
                throw JSONLinesError.badLine(source: sourceName, line: lineNumber, reason: reason)
            }
        }
    }

    /// The index of the first newline at or after `start`, or `bytes.count` (memchr).
    @inline(__always) static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress, start < bytes.count,
              let hit = memchr(base + start, 0x0A, bytes.count - start) else { return bytes.count }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// Every non-blank line decoded as `T`, with its 1-based line number.
    public func decode<T: Decodable>(_ type: T.Type) throws -> [(line: Int, value: T)] {
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
        case DecodingError.dataCorrupted: return "not valid JSON (each line must be one JSON object)"
        default: return "\(error)"
        }
    }
}

public enum JSONLinesError: BlendlabError, Equatable, CustomStringConvertible {
    case unreadable(path: String)
    case badLine(source: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read \(path); check the path given to --input"
        case .badLine(let source, let line, let reason):
            "\(source), line \(line): \(reason)"
        }
    }
}

import BlendCore
import Foundation

/// Reading JSON data files with errors that name the file and row.
enum JSONFile {
    /// The rows of a file holding a JSON array, or JSON lines when `allowLines` and the file
    /// does not start with `[`.
    /// `keys`: the members the caller reads; when given, the fast parser builds only those (the
    /// JSONDecoder fallback returns whole rows).
    static func rows(at path: String, allowLines: Bool = false, keys: Set<String>? = nil) throws -> [JSONValue] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError.missingFile(path: path, hint: "Run `blendlab data fetch` or check dataset.path.")
        }
        guard String(data: data, encoding: .utf8) != nil else {
            let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            let row = lines.firstIndex { String(data: Data($0), encoding: .utf8) == nil }.map { $0 + 1 }
            throw DataError.badJSON(file: path, row: row, reason: "not valid UTF-8; re-save the file as UTF-8")
        }
        let firstByte = data.first { !(" \n\r\t" as String).utf8.contains($0) }
        if firstByte == UInt8(ascii: "[") || !allowLines {
            // The fast parser first (about 3x JSONDecoder on these files); JSONDecoder for the error.
            if let keys {
                if let rows = data.withUnsafeBytes({ FastJSONRows.parse($0.bindMemory(to: UInt8.self), keeping: keys) }) { return rows }
            } else if case .array(let rows)? = data.withUnsafeBytes({ FastJSON.parse($0.bindMemory(to: UInt8.self)) }) {
                return rows
            }
            do {
                guard case .array(let rows) = try JSONDecoder().decode(JSONValue.self, from: data) else {
                    throw DataError.badJSON(file: path, row: nil, reason: "expected a JSON array of rows")
                }
                return rows
            } catch let error as DataError {
                throw error
            } catch {
                throw DataError.badJSON(file: path, row: nil, reason: describe(error))
            }
        }
        var rows: [JSONValue] = []
        for (n, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
            do {
                rows.append(try JSONDecoder().decode(JSONValue.self, from: Data(line)))
            } catch {
                throw DataError.badJSON(file: path, row: n + 1, reason: nonFiniteHint(Data(line)) ?? describe(error))
            }
        }
        return rows
    }

    /// JSON has no NaN or Infinity; Python's `json.dumps` writes them anyway. Says so, since the
    /// decoder only says "not valid JSON".
    static func nonFiniteHint(_ line: Data) -> String? {
        let text = String(decoding: line, as: UTF8.self)
        guard text.range(of: #"[:\[,]\s*-?(NaN|Infinity)\b"#, options: .regularExpression) != nil else { return nil }
        return "NaN and Infinity are not JSON numbers; write a finite number, or null where a value may be missing"
    }

    private static func describe(_ error: Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            let underlying = (context.underlyingError as NSError?)?.userInfo["NSDebugDescription"] as? String
            return underlying ?? context.debugDescription
        }
        return "\(error)"
    }
}

extension JSONValue {
    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// A number, or a string holding one (AlpacaEval writes preferences both ways).
    var numberValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        case .string(let s): Double(s.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }
}

extension String {
    /// True when the text has no characters but Unicode white space (a zero-width space, which
    /// is a format character, counts as content, as in Python's `str.strip`).
    var isBlank: Bool { allSatisfy(\.isWhitespace) }
}

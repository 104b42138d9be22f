/// A JSON value. Its `canonical` text (sorted keys, no whitespace, shortest round-trip numbers)
/// is what cache keys and spec hashes are made of, so equal values always hash equally.
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else {
            // An array or object holding a bad value reports that value (with its path), not the
            // container's type; a leaf that is none of the JSON types (1e999) says so.
            var nested: Error?
            do { self = .array(try c.decode([JSONValue].self)); return } catch DecodingError.typeMismatch {} catch { nested = error }
            do { self = .object(try c.decode([String: JSONValue].self)) } catch DecodingError.typeMismatch where nested == nil {
                throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription:
                    "\(Self.path(c.codingPath)): a number too large for a 64-bit float, or not a JSON value"))
            } catch { throw nested ?? error }
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().drop(while: { $0 == "." }).description
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .int(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// Sorted keys, no whitespace; integers without a decimal point; doubles in Swift's shortest
    /// round-trip form (non-finite doubles become the strings "nan", "inf", "-inf").
    public var canonical: String { String(decoding: canonicalBytes, as: UTF8.self) }

    /// The canonical text's UTF-8 bytes (what cache keys hash), built without going through
    /// `String` appends: cache keys of a fully cached run are mostly this.
    public var canonicalBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        write(into: &out)
        return out
    }

    private func write(into out: inout [UInt8]) {
        switch self {
        case .null: out += "null".utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .int(let i): out += String(i).utf8
        case .double(let d):
            if d.isNaN { out += "\"nan\"".utf8 }
            else if d.isInfinite { out += (d > 0 ? "\"inf\"" : "\"-inf\"").utf8 }
            else if d == d.rounded(), abs(d) < 1e15 { out += String(Int(d)).utf8 }
            else { out += "\(d)".utf8 }
        case .string(let s): JSONValue.writeString(s, into: &out)
        case .array(let a):
            out.append(UInt8(ascii: "["))
            for (i, v) in a.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                v.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            for (i, key) in o.keys.sorted().enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                o[key]!.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A JSON string literal: `"` and `\` escaped, `\n`, `\r`, `\t`, other control characters as
    /// `\u00XX`; every other character as its UTF-8 bytes.
    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            var run = 0  // start of the bytes not yet copied
            for (i, b) in bytes.enumerated() where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                out.append(contentsOf: bytes[run..<i])
                run = i + 1
                switch b {
                case UInt8(ascii: "\""): out += "\\\"".utf8
                case UInt8(ascii: "\\"): out += "\\\\".utf8
                case UInt8(ascii: "\n"): out += "\\n".utf8
                case UInt8(ascii: "\r"): out += "\\r".utf8
                case UInt8(ascii: "\t"): out += "\\t".utf8
                default:
                    let hex = String(b, radix: 16)
                    out += ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8
                }
            }
            out.append(contentsOf: bytes[run...])
        }
        out.append(UInt8(ascii: "\""))
    }

    /// SHA-256 of the canonical text.
    public var hash: String { SHA256.hex(bytes: canonicalBytes) }

    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    /// Every leaf as (dotted path, canonical text); arrays index as `path[i]`.
    public func leaves(prefix: String = "") -> [(path: String, value: String)] {
        switch self {
        case .object(let o):
            if o.isEmpty { return [(prefix, "{}")] }
            return o.keys.sorted().flatMap { o[$0]!.leaves(prefix: prefix.isEmpty ? $0 : prefix + "." + $0) }
        case .array(let a):
            if a.isEmpty { return [(prefix, "[]")] }
            return a.enumerated().flatMap { $1.leaves(prefix: prefix + "[\($0)]") }
        default:
            return [(prefix, canonical)]
        }
    }

    /// A short human description of the value's type, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int: "an integer"
        case .double: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "a mapping"
        }
    }
}

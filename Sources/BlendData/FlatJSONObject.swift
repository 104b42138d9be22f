import BlendCore

/// A fast parser for one JSON line holding a flat object (values are strings, numbers, true,
/// false or null), the shape the scripting verbs read. It decodes strings with every JSON
/// escape (including surrogate pairs) straight from UTF-8 bytes, about 10x faster than
/// JSONDecoder on long texts. Anything else (nested values, bad syntax) returns nil, and the
/// caller falls back to JSONDecoder for the exact error.
enum FlatJSONObject {
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> [String: JSONValue]? {
        var p = Parser(b: bytes)
        p.skipSpace()
        guard p.eat(0x7B) else { return nil }
        var out: [String: JSONValue] = [:]
        p.skipSpace()
        if p.eat(0x7D) { return p.atEnd() ? out : nil }
        while true {
            p.skipSpace()
            guard let key = p.string() else { return nil }
            p.skipSpace()
            guard p.eat(0x3A) else { return nil }
            p.skipSpace()
            guard let value = p.scalar() else { return nil }
            out[key] = value
            p.skipSpace()
            if p.eat(0x2C) { continue }
            guard p.eat(0x7D) else { return nil }
            return p.atEnd() ? out : nil
        }
    }

    struct Parser {
        let b: UnsafeBufferPointer<UInt8>
        var i = 0

        mutating func skipSpace() {
            while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0D || b[i] == 0x0A { i += 1 }
        }

        mutating func eat(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }

        mutating func atEnd() -> Bool {
            skipSpace()
            return i == b.count
        }

        mutating func scalar() -> JSONValue? {
            guard i < b.count else { return nil }
            switch b[i] {
            case 0x22: return string().map(JSONValue.string)
            case 0x74: return literal("true", .bool(true))
            case 0x66: return literal("false", .bool(false))
            case 0x6E: return literal("null", .null)
            default: return number()
            }
        }

        mutating func literal(_ word: StaticString, _ value: JSONValue) -> JSONValue? {
            let n = word.utf8CodeUnitCount
            guard i + n <= b.count else { return nil }
            for k in 0..<n where b[i + k] != word.utf8Start[k] { return nil }
            i += n
            return value
        }

        mutating func number() -> JSONValue? {
            let start = i
            while i < b.count, (b[i] >= 0x30 && b[i] <= 0x39) || b[i] == 0x2D || b[i] == 0x2B || b[i] == 0x2E || b[i] == 0x65 || b[i] == 0x45 { i += 1 }
            let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
            if let v = Int(text) { return .int(v) }
            guard let v = Double(text), v.isFinite else { return nil }
            // As JSONDecoder reads JSONValue: an integral value that fits an Int is an Int (1.0, 1e2).
            if v.rounded() == v, v >= -0x1p63, v < 0x1p63 { return .int(Int(v)) }
            return .double(v)
        }

        mutating func hex4() -> UInt32? {
            guard i + 4 <= b.count else { return nil }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = b[i]
                let d: UInt8
                switch c {
                case 0x30...0x39: d = c - 0x30
                case 0x41...0x46: d = c - 0x41 + 10
                case 0x61...0x66: d = c - 0x61 + 10
                default: return nil
                }
                v = v << 4 | UInt32(d)
                i += 1
            }
            return v
        }

        /// Moves past the bytes a string holds as they are (not `"`, `\` or a control byte),
        /// 8 at a time while a word has none of them (a SWAR test: a byte's high bit is set in
        /// `m` where it is 0x22, 0x5C or below 0x20, exact at the lowest such byte), then by bytes.
        mutating func skipPlain() {
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            if let base = b.baseAddress {
                while i + 8 <= b.count {
                    let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    let q = w ^ (ones &* 0x22), s = w ^ (ones &* 0x5C)
                    let m = ((q &- ones) & ~q | (s &- ones) & ~s | (w &- ones &* 0x20) & ~w) & highs
                    if m != 0 { break }
                    i += 8
                }
            }
            while i < b.count, b[i] != 0x22, b[i] != 0x5C, b[i] >= 0x20 { i += 1 }
        }

        /// The scalar of a `\uXXXX` escape whose `\u` was just read: a high surrogate must be
        /// followed by `\u` and a low one, and a lone low surrogate is an error (nil).
        mutating func unicodeEscape() -> Unicode.Scalar? {
            guard var v = hex4() else { return nil }
            if v >= 0xD800 && v < 0xDC00 {
                guard eat(0x5C), eat(0x75), let low = hex4(), low >= 0xDC00 && low < 0xE000 else { return nil }
                v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
            } else if v >= 0xDC00 && v < 0xE000 {
                return nil
            }
            return Unicode.Scalar(v)
        }

        mutating func string() -> String? {
            guard eat(0x22) else { return nil }
            let start = i
            // Fast path: no escapes.
            skipPlain()
            guard i < b.count, b[i] >= 0x20 else { return nil }
            if b[i] == 0x22 {
                i += 1
                return String(validating: UnsafeBufferPointer(rebasing: b[start..<(i - 1)]), as: UTF8.self)
            }
            var out = [UInt8]()
            out.reserveCapacity(2 * (i - start) + 64)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
            while i < b.count {
                // Runs between escapes are copied whole.
                let j = i
                skipPlain()
                if i > j { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[j..<i])) }
                guard i < b.count else { return nil }
                let c = b[i]
                if c == 0x22 { i += 1; return String(validating: out, as: UTF8.self) }
                if c < 0x20 { return nil }
                i += 1
                guard i < b.count else { return nil }
                let e = b[i]
                i += 1
                switch e {
                case 0x22, 0x5C, 0x2F: out.append(e)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x75:
                    guard let scalar = unicodeEscape() else { return nil }
                    out += Array(String(Character(scalar)).utf8)
                default: return nil
                }
            }
            return nil
        }
    }
}

/// The same fast parser for whole JSON documents (any nesting), for the data files: the value,
/// or nil on anything it does not accept, and the caller falls back to JSONDecoder for the
/// exact error. Numbers, strings and literals read as JSONDecoder reads `JSONValue`.
enum FastJSON {
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        var p = FlatJSONObject.Parser(b: bytes)
        p.skipSpace()
        guard let value = p.value(depth: 0) else { return nil }
        return p.atEnd() ? value : nil
    }
}

/// The rows of a JSON array of objects, keeping only the members named in `keys`: the other
/// values are checked as strictly as `FastJSON.parse` checks them (escapes, surrogate pairs,
/// control bytes, a key repeated in a row) but never built, which is most of the work on the
/// AlpacaEval annotation files (two long answers per row, neither read). Nil on anything the
/// full parser would reject, and the caller falls back to JSONDecoder for the exact error. The
/// bytes must already be valid UTF-8 (skipped strings are not validated again).
enum FastJSONRows {
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, keeping keys: Set<String>) -> [JSONValue]? {
        var p = FlatJSONObject.Parser(b: bytes)
        p.skipSpace()
        guard p.eat(0x5B) else { return nil }
        var rows: [JSONValue] = []
        p.skipSpace()
        if p.eat(0x5D) { return p.atEnd() ? rows : nil }
        while true {
            p.skipSpace()
            guard let row = p.row(keeping: keys) else { return nil }
            rows.append(row)
            p.skipSpace()
            if p.eat(0x2C) { continue }
            guard p.eat(0x5D) else { return nil }
            return p.atEnd() ? rows : nil
        }
    }
}

extension FlatJSONObject.Parser {
    /// One row object with only the members named in `keys` (any other value, nested too, is
    /// allowed in a row as in `value(depth:)`).
    mutating func row(keeping keys: Set<String>) -> JSONValue? {
        guard eat(0x7B) else { return nil }
        var members: [String: JSONValue] = [:]
        var seen = Set<String>()
        skipSpace()
        if eat(0x7D) { return .object(members) }
        while true {
            skipSpace()
            guard let key = string(), seen.insert(key).inserted else { return nil }
            skipSpace()
            guard eat(0x3A) else { return nil }
            skipSpace()
            if keys.contains(key) {
                guard let item = value(depth: 2) else { return nil }
                members[key] = item
            } else if i < b.count, b[i] == 0x22 {
                guard skipString() else { return nil }
            } else {
                guard value(depth: 2) != nil else { return nil }
            }
            skipSpace()
            if eat(0x2C) { continue }
            return eat(0x7D) ? .object(members) : nil
        }
    }

    /// Moves past one string, checking what `string()` checks, without building it.
    mutating func skipString() -> Bool {
        guard eat(0x22) else { return false }
        while true {
            skipPlain()
            guard i < b.count else { return false }
            let c = b[i]
            if c == 0x22 { i += 1; return true }
            if c < 0x20 { return false }
            i += 1
            guard i < b.count else { return false }
            let e = b[i]
            i += 1
            switch e {
            case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: continue
            case 0x75:
                guard unicodeEscape() != nil else { return false }
            default: return false
            }
        }
    }

    mutating func value(depth: Int) -> JSONValue? {
        guard depth < 512, i < b.count else { return nil }
        switch b[i] {
        case 0x5B:
            i += 1
            var items: [JSONValue] = []
            skipSpace()
            if eat(0x5D) { return .array(items) }
            while true {
                skipSpace()
                guard let item = value(depth: depth + 1) else { return nil }
                items.append(item)
                skipSpace()
                if eat(0x2C) { continue }
                return eat(0x5D) ? .array(items) : nil
            }
        case 0x7B:
            i += 1
            var members: [String: JSONValue] = [:]
            skipSpace()
            if eat(0x7D) { return .object(members) }
            while true {
                skipSpace()
                guard let key = string() else { return nil }
                skipSpace()
                guard eat(0x3A) else { return nil }
                skipSpace()
                // A repeated key: JSONDecoder decides (and says) what it means.
                guard members[key] == nil, let item = value(depth: depth + 1) else { return nil }
                members[key] = item
                skipSpace()
                if eat(0x2C) { continue }
                return eat(0x7D) ? .object(members) : nil
            }
        default:
            return scalar()
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// sacreBLEU's default `13a` tokenizer (mteval-v13a), reproduced on UTF-8 bytes.
///
/// In sacreBLEU's order: `rstrip()` the line (Python whitespace); remove `<skipped>`; remove
/// `-\n`; `\n` -> space; if the line has `&`, replace `&quot;` `&amp;` `&lt;` `&gt;` in that
/// order; pad with a space on each side; then four regex passes, each a left-to-right,
/// non-overlapping substitution as Python's `re.sub`:
/// 1. `([\{-\~\[-\` -\&\(-\+\:-\@\/])` -> ` \1 ` (ASCII punctuation and symbols but `'`, `,`,
///    `-`, `.`);
/// 2. `([^0-9])([\.,])` -> `\1 \2 ` (period/comma not after a digit);
/// 3. `([\.,])([^0-9])` -> ` \1 \2` (period/comma not before a digit);
/// 4. `([0-9])(-)` -> `\1 \2 ` (dash after a digit);
/// and finally split on Python whitespace. Every pattern is ASCII except `[^0-9]`, which at the
/// byte level matches the adjacent byte of a multi-byte character; that consumes the same
/// positions as Python's character match, so the output is identical.
public enum Tokenizer13a {
    /// A tokenized line: its bytes after the passes, and the byte ranges of its tokens.
    public struct Tokens: Sendable, Hashable {
        public var bytes: [UInt8]
        public var tokens: [Range<Int>]
    }

    /// The tokenized line as bytes plus the byte ranges of its tokens.
    public static func tokenize(_ text: String) -> Tokens {
        var line = Array(text.utf8)
        let end = line.withUnsafeBufferPointer { b in
            var end = b.count
            while case let w = UnicodeWhitespace.trailingLength(b, end: end), w > 0 { end -= w }
            return end
        }
        line.removeLast(line.count - end)
        // Each pass runs only when the byte it needs is present (memchr is far faster than a pass).
        if contains(line, 0x3C) { line = replace(line, Array("<skipped>".utf8), with: []) }
        if contains(line, 0x0A) {
            line = replace(line, [0x2D, 0x0A], with: [])
            line.withUnsafeMutableBufferPointer { b in
                for i in b.indices where b[i] == 0x0A { b[i] = 0x20 }
            }
        }
        if contains(line, 0x26) {
            line = replace(line, Array("&quot;".utf8), with: [0x22])
            line = replace(line, Array("&amp;".utf8), with: [0x26])
            line = replace(line, Array("&lt;".utf8), with: [0x3C])
            line = replace(line, Array("&gt;".utf8), with: [0x3E])
        }
        // Pass 1: isolate punctuation and symbols (at most 3 bytes out per byte in, plus the padding).
        var out = line.withUnsafeBufferPointer { b in
            [UInt8](unsafeUninitializedCapacity: b.count * 3 + 2) { o, count in
                var k = 0
                let low = pass1Low, high = pass1High
                o[k] = 0x20; k += 1
                for c in b {
                    if isPass1Symbol(c, low: low, high: high) { o[k] = 0x20; o[k + 1] = c; o[k + 2] = 0x20; k += 3 } else { o[k] = c; k += 1 }
                }
                o[k] = 0x20; k += 1
                count = k
            }
        }
        if contains(line, 0x2E) || contains(line, 0x2C) {
            out = pairPass(out, .periodCommaNotAfterDigit)
            out = pairPass(out, .periodCommaNotBeforeDigit)
        }
        if contains(line, 0x2D) { out = pairPass(out, .dashAfterDigit) }
        let tokens = out.withUnsafeBufferPointer { UnicodeWhitespace.split($0) }
        return Tokens(bytes: out, tokens: tokens)
    }

    /// Whether `bytes` holds `byte` (memchr).
    @inline(__always) static func contains(_ bytes: [UInt8], _ byte: UInt8) -> Bool {
        bytes.withUnsafeBytes { b in b.count > 0 && memchr(b.baseAddress!, Int32(byte), b.count) != nil }
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
    @inline(__always) static func isPeriodOrComma(_ c: UInt8) -> Bool { c == 0x2E || c == 0x2C }

    /// Bit `c` set for the bytes of `[\{-\~\[-\` -\&\(-\+\:-\@\/]`: 0x20-0x26, 0x28-0x2B, 0x2F,
    /// 0x3A-0x40 in the low word; 0x5B-0x60, 0x7B-0x7E in the high one.
    static let pass1Low: UInt64 = {
        var m: UInt64 = 0
        for c in [Array(0x20...0x26), Array(0x28...0x2B), [0x2F], Array(0x3A...0x3F)].joined() { m |= 1 << UInt64(c) }
        return m
    }()
    static let pass1High: UInt64 = {
        var m: UInt64 = 1 << (0x40 - 64)
        for c in [Array(0x5B...0x60), Array(0x7B...0x7E)].joined() { m |= 1 << UInt64(c - 64) }
        return m
    }()

    /// `[\{-\~\[-\` -\&\(-\+\:-\@\/]`.
    @inline(__always) static func isPass1Symbol(_ c: UInt8, low: UInt64, high: UInt64) -> Bool {
        c < 64 ? (low >> UInt64(c)) & 1 != 0 : c < 128 && (high >> UInt64(c & 63)) & 1 != 0
    }

    enum PairPattern { case periodCommaNotAfterDigit, periodCommaNotBeforeDigit, dashAfterDigit }

    /// One `re.sub` of a two-character pattern, left to right and non-overlapping: where the
    /// pattern matches `b[i], b[i+1]` the replacement is emitted and the scan continues after
    /// the pair, else one byte is copied. Runs between the bytes a match needs (`.`/`,` or
    /// `-`) are copied whole.
    static func pairPass(_ input: [UInt8], _ pattern: PairPattern) -> [UInt8] {
        // Each matched pair of bytes becomes 4, so the output is at most twice the input.
        input.withUnsafeBufferPointer { b in
            [UInt8](unsafeUninitializedCapacity: b.count * 2) { o, count in
                let n = b.count
                guard let src = b.baseAddress, let dst = o.baseAddress else { count = 0; return }
                var i = 0, k = 0
                @inline(__always) func copy(_ from: Int, _ to: Int) {
                    guard to > from else { return }
                    (dst + k).update(from: src + from, count: to - from)
                    k += to - from
                }
                @inline(__always) func emit(_ x: UInt8, _ y: UInt8, _ z: UInt8, _ w: UInt8) {
                    dst[k] = x; dst[k + 1] = y; dst[k + 2] = z; dst[k + 3] = w
                    k += 4
                }
                switch pattern {
                case .periodCommaNotAfterDigit, .dashAfterDigit:
                    // The pattern's second byte is the rare one: find it at j >= i + 1, copy up
                    // to j - 1, and decide on the pair (j - 1, j).
                    let dash = pattern == .dashAfterDigit
                    while i < n {
                        var j = i + 1
                        while j < n && !(dash ? b[j] == 0x2D : isPeriodOrComma(b[j])) { j += 1 }
                        if j >= n { copy(i, n); break }
                        copy(i, j - 1)
                        let a = b[j - 1]
                        if dash ? isDigit(a) : !isDigit(a) {
                            emit(a, 0x20, b[j], 0x20)
                            i = j + 1
                        } else {
                            dst[k] = a; k += 1
                            i = j
                        }
                    }
                case .periodCommaNotBeforeDigit:
                    // The first byte is the rare one: find it at j >= i, copy up to j, decide
                    // on the pair (j, j + 1).
                    while i < n {
                        var j = i
                        while j < n && !isPeriodOrComma(b[j]) { j += 1 }
                        copy(i, j)
                        if j >= n { break }
                        if j + 1 < n && !isDigit(b[j + 1]) {
                            emit(0x20, b[j], 0x20, b[j + 1])
                            i = j + 2
                        } else {
                            dst[k] = b[j]; k += 1
                            i = j + 1
                        }
                    }
                }
                count = k
            }
        }
    }

    /// Python's `str.replace(old, new)`: every non-overlapping occurrence, left to right.
    static func replace(_ s: [UInt8], _ old: [UInt8], with new: [UInt8]) -> [UInt8] {
        let m = old.count
        guard m > 0, s.count >= m else { return s }
        return s.withUnsafeBufferPointer { b in
            old.withUnsafeBufferPointer { o in
                let n = b.count, first = o[0]
                @inline(__always) func matches(at i: Int) -> Bool {
                    guard b[i] == first, i + m <= n else { return false }
                    return memcmp(b.baseAddress! + i, o.baseAddress!, m) == 0
                }
                guard var i = (0..<n).first(where: matches) else { return s }
                var out = Array(b[0..<i])
                out.reserveCapacity(n)
                while i < n {
                    if matches(at: i) {
                        out += new
                        i += m
                    } else {
                        out.append(b[i])
                        i += 1
                    }
                }
                return out
            }
        }
    }
}

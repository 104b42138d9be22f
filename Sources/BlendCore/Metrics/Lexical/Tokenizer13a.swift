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
/// and finally split on Python whitespace.
///
/// The passes only insert spaces, so every token is a contiguous run of the line after the
/// replacements, and one left-to-right scan finds them (no pass is materialised):
/// - a pass-1 symbol is a token of its own;
/// - a `-` right after a digit is a token of its own (pass 4; no earlier pass separates a digit
///   from a `-`);
/// - a `.` or `,` is a token of its own unless a digit follows it and pass 2 did not split it
///   off. Pass 2 leaves no two of them adjacent (each one it meets is followed by a space it
///   inserted), so pass 3 isolates every one not followed by a digit. Of a run of k of them
///   after a byte c, pass 2 splits off the odd-numbered ones if c is not a digit and the
///   even-numbered ones if it is, so the run's last one stays attached to the digit after it
///   iff (c is a digit) == (k is odd).
/// Every pattern is ASCII except `[^0-9]`, which at the byte level matches the adjacent byte of
/// a multi-byte character; that is a non-digit as Python's character is, so the tokens are
/// identical. `Tokenizer13aTests` checks the scan against a literal pass-by-pass
/// transcription on the development data and on random lines.
public enum Tokenizer13a {
    /// A tokenized line: its bytes (after the replacements), and the byte ranges of its tokens.
    public struct Tokens: Sendable, Hashable {
        public var bytes: [UInt8]
        public var tokens: [Range<Int>]
    }

    /// The tokenized line as bytes plus the byte ranges of its tokens.
    public static func tokenize(_ text: String) -> Tokens {
        var result = Tokens(bytes: [], tokens: [])
        withLine(text) { line in
            result.bytes = Array(line)
            result.tokens.reserveCapacity(line.count / 4 + 1)
            scan(line) { result.tokens.append($0) }
        }
        return result
    }

    /// Calls `body` with the bytes of each token of `text`, in order, without copying the line
    /// unless a replacement applies to it.
    @inline(__always)
    public static func forEachToken(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        withLine(text) { line in scan(line) { body(UnsafeBufferPointer(rebasing: line[$0])) } }
    }

    /// The line after `rstrip` and the replacements. Without `<`, `&` or `-\n` in it the string's
    /// own bytes are the line (a `\n` left as is is whitespace, as the space it would become).
    @inline(__always)
    static func withLine(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { raw in
            var end = raw.count
            while case let w = UnicodeWhitespace.trailingLength(raw, end: end), w > 0 { end -= w }
            let line = UnsafeBufferPointer(rebasing: raw[0..<end])
            if contains(line, 0x3C) || contains(line, 0x26) || containsDashNewline(line) {
                replaced(line).withUnsafeBufferPointer(body)
            } else {
                body(line)
            }
        }
    }

    /// sacreBLEU's replacements before the regex passes, on a copy of the line.
    static func replaced(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var line = Array(bytes)
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
        return line
    }

    /// Calls `emit` with the byte range of each token of the replaced line `b` (see the type's
    /// comment for the rules).
    @inline(__always)
    static func scan(_ b: UnsafeBufferPointer<UInt8>, _ emit: (Range<Int>) -> Void) {
        let n = b.count
        let low = pass1Low, high = pass1High
        var i = 0, start = -1
        @inline(__always) func single(_ i: Int) {
            if start >= 0 { emit(start..<i); start = -1 }
            emit(i..<i + 1)
        }
        while i < n {
            let c = b[i]
            if c < 0x80 {
                if (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) {
                    if start >= 0 { emit(start..<i); start = -1 }
                } else if isPass1Symbol(c, low: low, high: high) {
                    single(i)
                } else if c == 0x2D {
                    if i > 0 && isDigit(b[i - 1]) { single(i) } else if start < 0 { start = i }
                } else if isPeriodOrComma(c) {
                    if i + 1 < n && isDigit(b[i + 1]) && !splitByPass2(b, lastOfRun: i) {
                        if start < 0 { start = i }
                    } else {
                        single(i)
                    }
                } else if start < 0 {
                    start = i
                }
                i += 1
            } else {
                let w = UnicodeWhitespace.length(b, at: i)
                if w > 0 {
                    if start >= 0 { emit(start..<i); start = -1 }
                    i += w
                } else {
                    if start < 0 { start = i }
                    i += 1
                }
            }
        }
        if start >= 0 { emit(start..<n) }
    }

    /// Whether pass 2 splits off the `.`/`,` at `i`, the last of a run of them: with k in the
    /// run and c the byte before it (the padding space at the line's start), iff
    /// (c is a digit) == (k is even).
    @inline(__always)
    static func splitByPass2(_ b: UnsafeBufferPointer<UInt8>, lastOfRun i: Int) -> Bool {
        var j = i - 1
        while j >= 0 && isPeriodOrComma(b[j]) { j -= 1 }
        let k = i - j
        let afterDigit = j >= 0 && isDigit(b[j])
        return afterDigit == (k % 2 == 0)
    }

    /// Whether the line holds `-` followed by `\n`.
    static func containsDashNewline(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return false }
        var from = 0
        while from < b.count, let p = memchr(base + from, 0x0A, b.count - from) {
            let i = UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self) - base
            if i > 0 && b[i - 1] == 0x2D { return true }
            from = i + 1
        }
        return false
    }

    /// Whether `bytes` holds `byte` (memchr).
    @inline(__always) static func contains(_ bytes: [UInt8], _ byte: UInt8) -> Bool {
        bytes.withUnsafeBufferPointer { contains($0, byte) }
    }

    @inline(__always) static func contains(_ b: UnsafeBufferPointer<UInt8>, _ byte: UInt8) -> Bool {
        b.count > 0 && memchr(b.baseAddress!, Int32(byte), b.count) != nil
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

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
        line = replace(line, Array("<skipped>".utf8), with: [])
        line = replace(line, [0x2D, 0x0A], with: [])
        for i in line.indices where line[i] == 0x0A { line[i] = 0x20 }
        if line.contains(0x26) {
            line = replace(line, Array("&quot;".utf8), with: [0x22])
            line = replace(line, Array("&amp;".utf8), with: [0x26])
            line = replace(line, Array("&lt;".utf8), with: [0x3C])
            line = replace(line, Array("&gt;".utf8), with: [0x3E])
        }
        // Pass 1: isolate punctuation and symbols (at most 3 bytes out per byte in, plus the padding).
        var out = line.withUnsafeBufferPointer { b in
            [UInt8](unsafeUninitializedCapacity: b.count * 3 + 2) { o, count in
                var k = 0
                o[k] = 0x20; k += 1
                for c in b {
                    if isPass1Symbol(c) { o[k] = 0x20; o[k + 1] = c; o[k + 2] = 0x20; k += 3 } else { o[k] = c; k += 1 }
                }
                o[k] = 0x20; k += 1
                count = k
            }
        }
        if line.contains(where: { $0 == 0x2E || $0 == 0x2C }) {
            out = pairPass(out, .periodCommaNotAfterDigit)
            out = pairPass(out, .periodCommaNotBeforeDigit)
        }
        if line.contains(0x2D) { out = pairPass(out, .dashAfterDigit) }
        let tokens = out.withUnsafeBufferPointer { UnicodeWhitespace.split($0) }
        return Tokens(bytes: out, tokens: tokens)
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// `[\{-\~\[-\` -\&\(-\+\:-\@\/]`.
    @inline(__always) static func isPass1Symbol(_ c: UInt8) -> Bool {
        (c >= 0x7B && c <= 0x7E) || (c >= 0x5B && c <= 0x60) || (c >= 0x20 && c <= 0x26)
            || (c >= 0x28 && c <= 0x2B) || (c >= 0x3A && c <= 0x40) || c == 0x2F
    }

    enum PairPattern { case periodCommaNotAfterDigit, periodCommaNotBeforeDigit, dashAfterDigit }

    /// One `re.sub` of a two-character pattern: scan left to right; where the pattern matches
    /// `b[i], b[i+1]`, emit the replacement and continue after the pair, else copy one byte.
    static func pairPass(_ input: [UInt8], _ pattern: PairPattern) -> [UInt8] {
        // Each matched pair of bytes becomes 4, so the output is at most twice the input.
        input.withUnsafeBufferPointer { b in
            [UInt8](unsafeUninitializedCapacity: b.count * 2) { o, count in
                var i = 0, k = 0
                let n = b.count
                while i < n {
                    let a = b[i]
                    if i + 1 < n {
                        let c = b[i + 1]
                        let match: Bool
                        switch pattern {
                        case .periodCommaNotAfterDigit: match = !isDigit(a) && (c == 0x2E || c == 0x2C)
                        case .periodCommaNotBeforeDigit: match = (a == 0x2E || a == 0x2C) && !isDigit(c)
                        case .dashAfterDigit: match = isDigit(a) && c == 0x2D
                        }
                        if match {
                            if pattern == .periodCommaNotBeforeDigit {
                                o[k] = 0x20; o[k + 1] = a; o[k + 2] = 0x20; o[k + 3] = c
                            } else {
                                o[k] = a; o[k + 1] = 0x20; o[k + 2] = c; o[k + 3] = 0x20
                            }
                            k += 4
                            i += 2
                            continue
                        }
                    }
                    o[k] = a
                    k += 1
                    i += 1
                }
                count = k
            }
        }
    }

    /// Python's `str.replace(old, new)`: every non-overlapping occurrence, left to right.
    static func replace(_ s: [UInt8], _ old: [UInt8], with new: [UInt8]) -> [UInt8] {
        guard let first = old.first, s.count >= old.count, s.contains(first) else { return s }
        let hasMatch = s.withUnsafeBufferPointer { b in
            (0...(b.count - old.count)).contains { i in b[i] == first && old.indices.allSatisfy { b[i + $0] == old[$0] } }
        }
        guard hasMatch else { return s }
        var out = [UInt8]()
        out.reserveCapacity(s.count)
        var i = 0
        let n = s.count, m = old.count
        while i < n {
            if s[i] == first && i + m <= n && s[i..<(i + m)].elementsEqual(old) {
                out += new
                i += m
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return out
    }
}

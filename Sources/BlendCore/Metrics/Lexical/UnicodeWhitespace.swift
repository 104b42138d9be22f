/// Python's notion of whitespace (`str.isspace`, used by `str.split()` and `str.rstrip()`),
/// decided on UTF-8 bytes: ASCII 0x09-0x0D, 0x1C-0x1F, 0x20, and U+0085, U+00A0, U+1680,
/// U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000. sacreBLEU splits tokens and strips
/// lines with exactly this set, so BLEU and chrF must too.
enum UnicodeWhitespace {
    /// The byte length of the whitespace character starting at `i`, or 0 if there is none.
    @inline(__always)
    static func length(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let c = b[i]
        if c < 0x80 { return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) ? 1 : 0 }
        let n = b.count
        switch c {
        case 0xC2:
            guard i + 1 < n else { return 0 }
            return b[i + 1] == 0x85 || b[i + 1] == 0xA0 ? 2 : 0
        case 0xE1:
            guard i + 2 < n else { return 0 }
            return b[i + 1] == 0x9A && b[i + 2] == 0x80 ? 3 : 0
        case 0xE2:
            guard i + 2 < n else { return 0 }
            let c1 = b[i + 1], c2 = b[i + 2]
            if c1 == 0x80 { return (c2 >= 0x80 && c2 <= 0x8A) || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF ? 3 : 0 }
            return c1 == 0x81 && c2 == 0x9F ? 3 : 0
        case 0xE3:
            guard i + 2 < n else { return 0 }
            return b[i + 1] == 0x80 && b[i + 2] == 0x80 ? 3 : 0
        default:
            return 0
        }
    }

    /// Whether the UTF-8 sequence ending just before `end` is whitespace; returns its length or 0.
    static func trailingLength(_ b: UnsafeBufferPointer<UInt8>, end: Int) -> Int {
        guard end > 0 else { return 0 }
        var start = end - 1
        while start > 0 && end - start < 4 && b[start] & 0xC0 == 0x80 { start -= 1 }
        let len = length(b, at: start)
        return start + len == end ? len : 0
    }
}

/// The tokenizer of Google's `rouge-score` package (`rouge_score/tokenize.py`), on UTF-8 bytes.
///
/// Python's `text.lower()`, then every run of characters outside `[a-z0-9]` becomes a separator;
/// tokens are the maximal `[a-z0-9]` runs. With stemming, tokens longer than 3 characters go
/// through NLTK's Porter stemmer (`PorterStemmer`, NLTK_EXTENSIONS mode). Only two non-ASCII
/// characters lower-case to ASCII letters in Python: U+0130 (to "i" + U+0307, so "i" and a
/// separator) and U+212A KELVIN SIGN (to "k"); every other non-ASCII character separates.
/// Each token also records its line (split on "\n") for ROUGE-Lsum.
public struct RougeTokens: Sendable {
    public var bytes: [UInt8]
    public var tokens: [Range<Int>]
    /// For each token, the index of the "\n"-separated line it came from.
    public var lines: [Int]

    public init(_ text: String, stemming: Bool) {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        var tokens: [Range<Int>] = []
        var lines: [Int] = []
        var line = 0
        var start = -1
        func close() {
            if start >= 0 { tokens.append(start..<out.count); lines.append(line); start = -1 }
        }
        func emit(_ c: UInt8) {
            if start < 0 { start = out.count }
            out.append(c)
        }
        var text = text
        text.withUTF8 { b in
            var i = 0
            while i < b.count {
                let c = b[i]
                if c < 0x80 {
                    if (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) { emit(c) }
                    else if c >= 0x41 && c <= 0x5A { emit(c + 0x20) }
                    else { close(); if c == 0x0A { line += 1 } }
                    i += 1
                } else if c == 0xC4 && i + 1 < b.count && b[i + 1] == 0xB0 {
                    emit(0x69); close(); i += 2
                } else if c == 0xE2 && i + 2 < b.count && b[i + 1] == 0x84 && b[i + 2] == 0xAA {
                    emit(0x6B); i += 3
                } else {
                    close()
                    i += c >= 0xF0 ? 4 : (c >= 0xE0 ? 3 : (c >= 0xC0 ? 2 : 1))
                }
            }
        }
        close()
        if stemming {
            var stemmed = [UInt8]()
            stemmed.reserveCapacity(out.count)
            var ranges: [Range<Int>] = []
            ranges.reserveCapacity(tokens.count)
            for r in tokens {
                let s = stemmed.count
                if r.count > 3 { stemmed += PorterStemmer.stem(Array(out[r])) } else { stemmed += out[r] }
                ranges.append(s..<stemmed.count)
            }
            out = stemmed
            tokens = ranges
        }
        self.bytes = out
        self.tokens = tokens
        self.lines = lines
    }
}

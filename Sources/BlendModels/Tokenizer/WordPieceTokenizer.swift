/// BERT's tokenizer: `BasicTokenizer` words, then greedy longest-match-first WordPiece with the
/// `##` continuation prefix; a word longer than 100 scalars, or one that cannot be covered by
/// vocabulary pieces, becomes a single `[UNK]`. Special tokens written literally in the text
/// (`[SEP]`) are kept whole, as Hugging Face's fast tokenizer does.
public struct WordPieceTokenizer: Sendable {
    public let vocabulary: Vocabulary
    public let basic: BasicTokenizer
    public var maxCharsPerWord = 100

    public init(vocabulary: Vocabulary, lowercase: Bool = true) {
        self.vocabulary = vocabulary
        basic = BasicTokenizer(lowercase: lowercase)
    }

    /// Token ids of `text`, without special tokens and without truncation.
    public func tokenize(_ text: String) -> [Int32] {
        var ids: [Int32] = []
        for (piece, special) in splitSpecial(text) {
            if let special { ids.append(special); continue }
            for word in basic.words(piece) { wordPieces(word, into: &ids) }
        }
        return ids
    }

    /// `[CLS] tokens [SEP]`, the tokens truncated so that the whole fits `maxLength`.
    public func encode(_ text: String, maxLength: Int) -> [Int32] {
        let ids = tokenize(text)
        return [vocabulary.cls] + ids.prefix(max(0, maxLength - 2)) + [vocabulary.sep]
    }

    func wordPieces(_ word: [Unicode.Scalar], into ids: inout [Int32]) {
        if word.count > maxCharsPerWord { ids.append(vocabulary.unk); return }
        var pieces: [Int32] = []
        var start = 0
        while start < word.count {
            var end = word.count
            var found: Int32?
            while start < end {
                var candidate = String(String.UnicodeScalarView(word[start..<end]))
                if start > 0 { candidate = "##" + candidate }
                if let id = vocabulary.ids[candidate] { found = id; break }
                end -= 1
            }
            guard let id = found else { ids.append(vocabulary.unk); return }
            pieces.append(id)
            start = end
        }
        ids.append(contentsOf: pieces)
    }

    /// Splits `text` around literal special tokens: (text, nil) pieces and ("", id) tokens.
    func splitSpecial(_ text: String) -> [(String, Int32?)] {
        guard text.contains("[") else { return [(text, nil)] }
        let specials = vocabulary.specialTokens.map { (Array($0.utf8), vocabulary.ids[$0] ?? vocabulary.unk) }
        let bytes = Array(text.utf8)
        var out: [(String, Int32?)] = []
        var pieceStart = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "["),
               let (token, id) = specials.first(where: { i + $0.0.count <= bytes.count && Array(bytes[i..<i + $0.0.count]) == $0.0 }) {
                if pieceStart < i { out.append((String(decoding: bytes[pieceStart..<i], as: UTF8.self), nil)) }
                out.append(("", id))
                i += token.count
                pieceStart = i
            } else {
                i += 1
            }
        }
        if pieceStart < bytes.count { out.append((String(decoding: bytes[pieceStart...], as: UTF8.self), nil)) }
        return out
    }
}

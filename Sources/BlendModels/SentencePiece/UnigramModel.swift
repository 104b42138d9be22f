/// SentencePiece unigram segmentation as the tokenizers library computes it (`models::Unigram`):
/// the Viterbi path that maximises the sum of piece scores over the UTF-8 bytes of one
/// pre-tokenised word. Every piece of the vocabulary may match (a byte trie of all pieces); a
/// character that no single piece covers becomes `[UNK]` with score `min score - 10`, and
/// consecutive unknowns are fused into one (no byte fallback: transformers 5 builds DeBERTa's
/// Unigram with `byte_fallback=False` whatever the model says). Ties keep the first path found
/// (a later candidate must score strictly higher).
struct UnigramModel: Sendable {
    private let scores: [Double]
    private let ids: [String: Int32]
    private let unkID: Int32
    private let unkScore: Double
    private let trie: ByteTrie

    init(pieces: [SentencePieceModel.Piece], unkID: Int) {
        scores = pieces.map { Double($0.score) }
        var ids: [String: Int32] = [:]
        var trie = ByteTrie()
        for (index, piece) in pieces.enumerated() {
            ids[piece.text] = Int32(index)
            trie.insert(Array(piece.text.utf8), value: Int32(index))
        }
        self.ids = ids
        self.trie = trie
        self.unkID = Int32(unkID)
        unkScore = (scores.min() ?? 0) - 10
    }

    func id(of piece: String) -> Int32? { ids[piece] }

    /// The piece ids of one word.
    func encode(_ word: String) -> [Int32] {
        let bytes = Array(word.utf8)
        let size = bytes.count
        guard size > 0 else { return [] }
        var best = [Double](repeating: 0, count: size + 1)
        var from = [Int](repeating: -1, count: size + 1)
        var via = [Int32](repeating: -1, count: size + 1)
        var start = 0
        while start < size {
            let here = best[start]
            let charLength = Self.utf8Length(bytes[start])
            var single = false
            trie.prefixes(of: bytes, from: start) { end, id in
                let score = here + scores[Int(id)]
                if from[end] < 0 || score > best[end] {
                    best[end] = score
                    from[end] = start
                    via[end] = id
                }
                if end - start == charLength { single = true }
            }
            if !single {
                let end = min(size, start + charLength)
                let score = here + unkScore
                if from[end] < 0 || score > best[end] {
                    best[end] = score
                    from[end] = start
                    via[end] = unkID
                }
            }
            start += charLength
        }
        // Back-track, fusing runs of unknowns.
        var pieces: [(Int32, Range<Int>)] = []
        var end = size
        while end > 0 {
            let begin = from[end]
            if via[end] == unkID, let last = pieces.last, last.0 == unkID, last.1.lowerBound == end {
                pieces[pieces.count - 1] = (unkID, begin..<last.1.upperBound)
            } else {
                pieces.append((via[end], begin..<end))
            }
            end = begin
        }
        return pieces.reversed().map(\.0)
    }

    static func utf8Length(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }
}

/// A byte trie mapping piece bytes to ids, for common-prefix search.
struct ByteTrie: Sendable {
    private var children: [[UInt8: Int32]] = [[:]]
    private var values: [Int32] = [-1]

    mutating func insert(_ key: [UInt8], value: Int32) {
        var node = 0
        for b in key {
            if let next = children[node][b] { node = Int(next); continue }
            children.append([:])
            values.append(-1)
            let next = Int32(children.count - 1)
            children[node][b] = next
            node = Int(next)
        }
        values[node] = value
    }

    /// Calls `body(end, value)` for every key that equals `bytes[start..<end]`, shortest first.
    func prefixes(of bytes: [UInt8], from start: Int, _ body: (Int, Int32) -> Void) {
        var node = 0
        var i = start
        while i < bytes.count, let next = children[node][bytes[i]] {
            node = Int(next)
            i += 1
            if values[node] >= 0 { body(i, values[node]) }
        }
    }
}

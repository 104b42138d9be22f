/// ROUGE as Google's `rouge-score` 0.1.2 computes it (`RougeScorer.score(target, prediction)`),
/// with its tokenizer (`RougeTokens`) and optional Porter stemming. Every variant reports
/// precision, recall and F = 2PR/(P+R) (0 when P + R = 0) on 0-1.
///
/// - ROUGE-N: o = sum over distinct reference n-grams g of min(c_ref(g), c_hyp(g));
///   P = o / max(#hyp n-grams, 1), R = o / max(#ref n-grams, 1).
/// - ROUGE-L: l = LCS length of the token sequences; P = l / |hyp|, R = l / |ref|; 0 when
///   either side has no tokens.
/// - ROUGE-Lsum: both texts split on "\n" (empty lines dropped); for each reference line r,
///   the union of the reference positions of one LCS of r with each hypothesis line (read back
///   as rouge-score does) is taken in position order, and each token of it counts as a hit
///   while both its reference and hypothesis token counts remaining are positive (then both are
///   decremented); P = hits / hyp tokens, R = hits / ref tokens; 0 when either side has none.
public struct RougeScore: Sendable, Hashable {
    public var precision: Double
    public var recall: Double
    public var fmeasure: Double

    public init(precision: Double, recall: Double) {
        self.precision = precision
        self.recall = recall
        fmeasure = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
    }

    public static let zero = RougeScore(precision: 0, recall: 0)
}

/// One (hypothesis, reference) pair tokenized for ROUGE, with shared token ids.
public struct RougePair: Sendable {
    let hyp: [UInt32]
    let ref: [UInt32]
    let hypLines: [Int]
    let refLines: [Int]
    let alphabet: Int

    public init(hypothesis: String, reference: String, stemming: Bool) {
        let h = RougeTokens(hypothesis, stemming: stemming), r = RougeTokens(reference, stemming: stemming)
        var interner = TokenInterner(expected: h.tokens.count + r.tokens.count)
        hyp = interner.ids(h.bytes, h.tokens)
        ref = interner.ids(r.bytes, r.tokens)
        hypLines = h.lines
        refLines = r.lines
        alphabet = interner.count
    }

    public func rougeN(_ n: Int) -> RougeScore {
        let c = NGramMatcher.counts(hyp, ref, order: n, bits: NGramMatcher.bits(forAlphabet: alphabet))
        return RougeScore(precision: Double(c.matches) / Double(max(c.hyp, 1)), recall: Double(c.matches) / Double(max(c.ref, 1)))
    }

    public func rougeL() -> RougeScore {
        guard !hyp.isEmpty, !ref.isEmpty else { return .zero }
        // The LCS length is symmetric; index the shorter side's bit vectors for speed.
        let l = hyp.count < ref.count
            ? LongestCommonSubsequence.length(hyp, ref, alphabet: alphabet)
            : LongestCommonSubsequence.length(ref, hyp, alphabet: alphabet)
        return RougeScore(precision: Double(l) / Double(hyp.count), recall: Double(l) / Double(ref.count))
    }

    public func rougeLsum() -> RougeScore {
        guard !hyp.isEmpty, !ref.isEmpty else { return .zero }
        let refSentences = Self.sentences(ref, refLines), hypSentences = Self.sentences(hyp, hypLines)
        var refCounts = [Int](repeating: 0, count: alphabet), hypCounts = [Int](repeating: 0, count: alphabet)
        for t in ref { refCounts[Int(t)] += 1 }
        for t in hyp { hypCounts[Int(t)] += 1 }
        var hits = 0
        for r in refSentences {
            var union = Set<Int>()
            for c in hypSentences { union.formUnion(LongestCommonSubsequence.indices(r, c)) }
            for i in union.sorted() {
                let t = Int(r[i])
                if hypCounts[t] > 0 && refCounts[t] > 0 {
                    hits += 1
                    hypCounts[t] -= 1
                    refCounts[t] -= 1
                }
            }
        }
        return RougeScore(precision: Double(hits) / Double(hyp.count), recall: Double(hits) / Double(ref.count))
    }

    /// Tokens grouped by line, lines without tokens left out (they add nothing to Lsum).
    static func sentences(_ tokens: [UInt32], _ lines: [Int]) -> [[UInt32]] {
        var out: [[UInt32]] = []
        var current: [UInt32] = []
        var line = lines.first ?? 0
        for (t, l) in zip(tokens, lines) {
            if l != line { out.append(current); current = []; line = l }
            current.append(t)
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}

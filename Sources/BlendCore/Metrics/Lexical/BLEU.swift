#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// BLEU exactly as sacreBLEU 2.x computes it with its defaults (13a tokenizer, mixed case,
/// max order 4, `exp` smoothing; one reference).
///
/// Sufficient statistics per segment: hypothesis and reference token counts, and for n = 1...4
/// the clipped matches `correct_n` = sum_g min(c_hyp(g), c_ref(g)) and `total_n` = hypothesis
/// n-grams. Corpus BLEU sums them over segments first. The score (0-100):
///
///     BP = 1 if sys >= ref, exp(1 - ref/sys) if 0 < sys < ref, 0 if sys = 0
///     p_n = 100 * correct_n / total_n; if correct_n = 0 (exp smoothing):
///           k <- 2k (k starts at 1), p_n = 100 / (k * total_n)
///     BLEU = BP * exp( sum_{n<=N} log p_n / N )
///
/// Edge rules, as sacreBLEU: all `correct_n` zero gives 0; the loop over n stops at the first
/// order with `total_n` = 0 (orders from there keep p_n = 0, and log 0 is floored to
/// -9999999999, so the score is 0 unless `effectiveOrder`); with `effectiveOrder` (sentence BLEU,
/// `sacrebleu.sentence_bleu`'s default) N is the last order with `total_n` > 0. Deterministic.
public struct BLEUStatistics: Sendable, Hashable {
    public static let maxOrder = 4
    public var hypLength: Int
    public var refLength: Int
    public var correct: [Int]
    public var total: [Int]

    public init(hypLength: Int = 0, refLength: Int = 0, correct: [Int] = [0, 0, 0, 0], total: [Int] = [0, 0, 0, 0]) {
        self.hypLength = hypLength
        self.refLength = refLength
        self.correct = correct
        self.total = total
    }

    /// The statistics of one hypothesis against one reference.
    public init(hypothesis: String, reference: String) {
        self.init(hypothesis: Tokenizer13a.tokenize(hypothesis), reference: Tokenizer13a.tokenize(reference))
    }

    /// The statistics of two already tokenized lines.
    public init(hypothesis h: Tokenizer13a.Tokens, reference r: Tokenizer13a.Tokens) {
        self.init(hypothesis: h, reference: Reference(r))
    }

    /// A tokenized reference with its token ids and n-gram counts, reusable across hypotheses.
    public struct Reference: Sendable {
        var interner: TokenInterner
        var ngrams: NGramReference

        public init(_ tokens: Tokenizer13a.Tokens) {
            interner = TokenInterner(expected: tokens.tokens.count * 2)
            let ids = interner.ids(tokens.bytes, tokens.tokens)
            ngrams = NGramReference(ids: ids, alphabet: interner.count, maxOrder: BLEUStatistics.maxOrder)
        }
    }

    /// The statistics of a tokenized hypothesis against a prepared reference.
    public init(hypothesis h: Tokenizer13a.Tokens, reference: Reference) {
        let ids = reference.interner.withLookup { lookup in
            h.bytes.withUnsafeBufferPointer { b in h.tokens.map { lookup.existingID(UnsafeBufferPointer(rebasing: b[$0])) } }
        }
        self = ids.withUnsafeBufferPointer { BLEUStatistics(hypothesisIDs: $0, reference: reference) }
    }

    /// The statistics of a hypothesis against a prepared reference; each token is looked up as
    /// the tokenizer's scan finds it, into a temporary buffer (a line of n bytes has at most n
    /// tokens).
    public init(hypothesis: String, reference: Reference) {
        let capacity = hypothesis.utf8.count
        self = withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(1, capacity)) { ids in
            var count = 0
            reference.interner.withLookup { lookup in
                Tokenizer13a.forEachToken(hypothesis) { ids[count] = lookup.existingID($0); count += 1 }
            }
            return BLEUStatistics(hypothesisIDs: UnsafeBufferPointer(rebasing: ids[0..<count]), reference: reference)
        }
    }

    /// `hyp`: the hypothesis's tokens in the reference's ids, `NGramReference.absent` for others.
    init(hypothesisIDs hyp: UnsafeBufferPointer<Int32>, reference: Reference) {
        let counts = reference.ngrams.counts(hypothesis: hyp)
        self.init(hypLength: hyp.count, refLength: reference.ngrams.ids.count, correct: counts.map(\.matches), total: counts.map(\.hyp))
    }

    /// Adds another segment's statistics (corpus BLEU).
    public static func += (a: inout BLEUStatistics, b: BLEUStatistics) {
        a.hypLength += b.hypLength
        a.refLength += b.refLength
        for n in 0..<maxOrder {
            a.correct[n] += b.correct[n]
            a.total[n] += b.total[n]
        }
    }

    /// BLEU on 0-100 from these statistics (see the type's comment).
    public func score(effectiveOrder: Bool) -> Double {
        var bp = 1.0
        if hypLength < refLength { bp = hypLength > 0 ? exp(1 - Double(refLength) / Double(hypLength)) : 0 }
        guard correct.contains(where: { $0 != 0 }) else { return 0 }
        var precisions = [Double](repeating: 0, count: Self.maxOrder)
        var smooth = 1.0
        var order = Self.maxOrder
        for n in 0..<Self.maxOrder {
            if total[n] == 0 { break }
            if effectiveOrder { order = n + 1 }
            if correct[n] == 0 {
                smooth *= 2
                precisions[n] = 100 / (smooth * Double(total[n]))
            } else {
                precisions[n] = 100 * Double(correct[n]) / Double(total[n])
            }
        }
        var sum = 0.0
        for p in precisions[0..<order] { sum += p == 0 ? -9999999999 : log(p) }
        return bp * exp(sum / Double(order))
    }
}

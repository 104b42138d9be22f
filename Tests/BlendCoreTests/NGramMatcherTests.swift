import Testing
@testable import BlendCore

struct NGramMatcherTests {
    /// hyp a a a b, ref a a b b: unigrams min(3,2) + min(1,2) = 3; bigrams hyp aa aa ab,
    /// ref aa ab bb -> min(2,1) + min(1,1) = 2.
    @Test func clippedCounts() {
        let h: [UInt32] = [0, 0, 0, 1], r: [UInt32] = [0, 0, 1, 1]
        #expect(NGramMatcher.counts(h, r, order: 1, bits: 1) == NGramCounts(hyp: 4, ref: 4, matches: 3))
        #expect(NGramMatcher.counts(h, r, order: 2, bits: 1) == NGramCounts(hyp: 3, ref: 3, matches: 2))
        #expect(NGramMatcher.counts(h, r, order: 5, bits: 1) == NGramCounts(hyp: 0, ref: 0, matches: 0))
    }

    /// The wide (two-word) and dictionary paths agree with the packed one.
    @Test func widePathsAgree() {
        var rng = SeededGenerator(seed: 7)
        let h = (0..<300).map { _ in UInt32(rng.next() % 6) }, r = (0..<250).map { _ in UInt32(rng.next() % 6) }
        for n in 1...4 {
            let narrow = NGramMatcher.counts(h, r, order: n, bits: 3)
            #expect(NGramMatcher.counts(h, r, order: n, bits: 30) == narrow)
            #expect(NGramMatcher.counts(h, r, order: n, bits: 60) == narrow)
        }
    }
}

/// The pruned all-orders count equals the per-order count on random sequences.
struct NGramMatcherAllOrdersTests {
    @Test(arguments: [2, 3, 5, 50])
    func prunedEqualsPerOrder(alphabet: Int) {
        var rng = SeededGenerator(seed: UInt64(alphabet))
        for length in [0, 1, 3, 10, 120] {
            let h = (0..<length).map { _ in UInt32(rng.next() % UInt64(alphabet)) }
            let r = (0..<(length + 7)).map { _ in UInt32(rng.next() % UInt64(alphabet)) }
            let bits = NGramMatcher.bits(forAlphabet: alphabet)
            let expected = (1...4).map { NGramMatcher.counts(h, r, order: $0, bits: bits) }
            #expect(NGramMatcher.allOrders(h, r, maxOrder: 4, alphabet: alphabet) == expected)
        }
    }
}

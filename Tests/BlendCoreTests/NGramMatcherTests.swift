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

/// A reference prepared once and matched against many hypotheses gives the pair-at-a-time
/// counts, including hypothesis tokens the reference lacks and orders whose keys exceed 64 bits.
struct NGramReferenceTests {
    @Test(arguments: [2, 5, 50, 70_000])
    func preparedReferenceEqualsPairCounts(alphabet: Int) {
        var rng = SeededGenerator(seed: UInt64(alphabet) &+ 11)
        // 1,500 tokens of a large alphabet: over 1,024 distinct ids, so order 6 takes the wide path.
        for length in [0, 1, 4, 12, 150] + (alphabet > 10_000 ? [1500] : []) {
            let ref = (0..<(length + 5)).map { _ in UInt32(rng.next() % UInt64(alphabet)) }
            // Dense reference ids, as the tokenizers give them.
            var dense: [UInt32: UInt32] = [:]
            for t in ref where dense[t] == nil { dense[t] = UInt32(dense.count) }
            let refIDs = ref.map { dense[$0]! }
            let prepared = NGramReference(ids: refIDs, alphabet: dense.count, maxOrder: 6)
            for _ in 0..<3 {
                // Hypothesis tokens from a wider alphabet: some are absent from the reference.
                let hyp = (0..<length).map { _ in UInt32(rng.next() % UInt64(alphabet + 3)) }
                var all = dense
                for t in hyp where all[t] == nil { all[t] = UInt32(all.count) }
                let bits = NGramMatcher.bits(forAlphabet: all.count)
                let expected = (1...6).map { NGramMatcher.counts(hyp.map { all[$0]! }, refIDs, order: $0, bits: bits) }
                let hypIDs = hyp.map { dense[$0].map(Int32.init) ?? NGramReference.absent }
                #expect(prepared.counts(hypothesis: hypIDs) == expected, "alphabet \(alphabet), length \(length)")
            }
        }
    }
}

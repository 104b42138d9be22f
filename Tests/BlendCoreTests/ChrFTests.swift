import Testing
@testable import BlendCore

struct ChrFTests {
    /// "abc" vs "abd": 1-grams a,b,c vs a,b,d -> 2 of 3 both ways; 2-grams ab,bc vs ab,bd ->
    /// 1 of 2; 3-grams abc vs abd -> 0 of 1; orders 4-6 have no n-grams (not effective).
    /// P = R = (2/3 + 1/2 + 0) / 3 = 7/18; chrF = 100 * 5PR / (4P + R) = 38.888... (= sacrebleu).
    @Test func handWorked() {
        let s = ChrFStatistics(hypothesis: "abc", reference: "abd")
        #expect(s.orders[0] == NGramCounts(hyp: 3, ref: 3, matches: 2))
        #expect(s.orders[1] == NGramCounts(hyp: 2, ref: 2, matches: 1))
        #expect(s.orders[2] == NGramCounts(hyp: 1, ref: 1, matches: 0))
        #expect(s.orders[3] == NGramCounts(hyp: 0, ref: 0, matches: 0))
        #expect(abs(s.score - 38.888888888888886) < 1e-12)
    }

    @Test func whitespaceIsRemoved() {
        #expect(ChrFStatistics(hypothesis: "ab c", reference: "a bc").score == 100)
    }

    /// Code points, not bytes: "café 😀" vs "cafe 😀" -> 32.666666666666664 (= sacrebleu).
    @Test func unicodeCodePoints() {
        #expect(abs(ChrFStatistics(hypothesis: "café 😀", reference: "cafe 😀").score - 32.666666666666664) < 1e-12)
    }

    @Test func emptySides() {
        #expect(ChrFStatistics(hypothesis: "", reference: "x").score == 0)
        let s = ChrFStatistics(hypothesis: "x", reference: "")
        #expect(s.orders[0].hyp == 0) // no reference n-grams: the hypothesis count is zeroed
        #expect(s.score == 0)
    }
}

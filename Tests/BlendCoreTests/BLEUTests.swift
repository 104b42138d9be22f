import Testing
@testable import BlendCore

struct BLEUTests {
    /// hyp "the cat sat on the mat", ref "the cat is on the mat" (6 tokens each, BP = 1):
    /// 1-grams: the x2, cat, on, mat match -> 5/6; 2-grams: the-cat, on-the, the-mat -> 3/5;
    /// 3-grams: on-the-mat -> 1/4; 4-grams: 0/3, exp smoothing -> 100 / (2 * 3).
    /// BLEU = exp((ln 83.33 + ln 60 + ln 25 + ln 16.67) / 4) = 37.99178428257963 (= sacrebleu).
    @Test func handWorkedSentence() {
        let s = BLEUStatistics(hypothesis: "the cat sat on the mat", reference: "the cat is on the mat")
        #expect(s.hypLength == 6 && s.refLength == 6)
        #expect(s.correct == [5, 3, 1, 0])
        #expect(s.total == [6, 5, 4, 3])
        #expect(abs(s.score(effectiveOrder: true) - 37.99178428257963) < 1e-12)
    }

    /// hyp "the cat" (2 tokens) vs a 6-token ref: effective order 2, p1 = p2 = 100,
    /// BP = exp(1 - 6/2) = e^-2 -> 13.533528323661276 (= sacrebleu).
    @Test func brevityPenaltyAndEffectiveOrder() {
        let s = BLEUStatistics(hypothesis: "the cat", reference: "the cat is on the mat")
        #expect(s.total == [2, 1, 0, 0])
        #expect(abs(s.score(effectiveOrder: true) - 13.533528323661276) < 1e-12)
        // Without effective order, the missing 3- and 4-gram orders give 0 (log floored).
        #expect(s.score(effectiveOrder: false) == 0)
    }

    /// Statistics summed over both sentences above: sys 8, ref 12, correct [7,4,1,0],
    /// total [8,6,4,3]; corpus BLEU 23.948545784847063 (= sacrebleu.corpus_bleu).
    @Test func corpusSumsStatistics() {
        var total = BLEUStatistics()
        total += BLEUStatistics(hypothesis: "the cat sat on the mat", reference: "the cat is on the mat")
        total += BLEUStatistics(hypothesis: "the cat", reference: "the cat is on the mat")
        #expect(total.correct == [7, 4, 1, 0] && total.total == [8, 6, 4, 3])
        #expect(abs(total.score(effectiveOrder: false) - 23.948545784847063) < 1e-12)
    }

    @Test func emptySides() {
        #expect(BLEUStatistics(hypothesis: "", reference: "x").score(effectiveOrder: true) == 0)
        #expect(BLEUStatistics(hypothesis: "x", reference: "").score(effectiveOrder: true) == 0)
        #expect(BLEUStatistics(hypothesis: "", reference: "").score(effectiveOrder: true) == 0)
    }

    @Test func unicodeTokensCompareByBytes() {
        let s = BLEUStatistics(hypothesis: "café 😀 日本", reference: "café 😀 日本")
        #expect(s.correct == [3, 2, 1, 0])
        // exp(4 ln 100 / 4) rounds to 100.00000000000004 here, as in sacreBLEU.
        #expect(abs(s.score(effectiveOrder: true) - 100) < 1e-12)
    }
}

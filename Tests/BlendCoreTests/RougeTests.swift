import Testing
@testable import BlendCore

/// Expected values are rouge-score 0.1.2's `RougeScorer(...).score(reference, hypothesis)`.
struct RougeTests {
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-12 }

    /// ref "the cat is on the mat", hyp "the cat sat on the mat":
    /// unigrams: the x2, cat, on, mat -> 5 of 6 both ways, F = 5/6;
    /// bigrams: the-cat, on-the, the-mat -> 3 of 5, F = 0.6; LCS "the cat on the mat" = 5 -> 5/6.
    @Test func handWorked() {
        let p = RougePair(hypothesis: "the cat sat on the mat", reference: "the cat is on the mat", stemming: false)
        #expect(close(p.rougeN(1).fmeasure, 5.0 / 6))
        #expect(close(p.rougeN(2).fmeasure, 0.6))
        #expect(close(p.rougeL().fmeasure, 5.0 / 6))
        #expect(close(p.rougeLsum().fmeasure, 5.0 / 6))
    }

    /// ref "police killed the gunman", hyp "the gunman kill police": ROUGE-1 3/4 (police, the,
    /// gunman), ROUGE-2 1/3 (the-gunman), LCS "the gunman" = 2 -> 0.5.
    @Test func wordOrderMattersForLCS() {
        let p = RougePair(hypothesis: "the gunman kill police", reference: "police killed the gunman", stemming: false)
        #expect(close(p.rougeN(1).fmeasure, 0.75))
        #expect(close(p.rougeN(2).fmeasure, 1.0 / 3))
        #expect(close(p.rougeL().fmeasure, 0.5))
    }

    /// ref lines "a b c d" / "e f", hyp lines "a c e" / "b d f": ROUGE-L over the whole text
    /// has LCS (a c e f) = 4 of 6 -> 2/3, while Lsum's union LCS per reference line recovers
    /// every token: {a, c} u {b, d} on line 1 and {e} u {f} on line 2 -> 6 hits -> 1.
    @Test func summaryLevelUnionLCS() {
        let p = RougePair(hypothesis: "a c e\nb d f", reference: "a b c d\ne f", stemming: false)
        #expect(close(p.rougeL().fmeasure, 2.0 / 3))
        #expect(p.rougeLsum().fmeasure == 1)
        #expect(p.rougeN(2).fmeasure == 0)
    }

    @Test func stemmingMatchesInflections() {
        let p = RougePair(hypothesis: "runs dog", reference: "running dogs", stemming: true)
        #expect(p.rougeN(1).fmeasure == 1)
        #expect(RougePair(hypothesis: "runs dog", reference: "running dogs", stemming: false).rougeN(1).fmeasure == 0)
    }

    @Test func emptySidesScoreZero() {
        for (h, r) in [("", "x"), ("x", ""), ("", ""), ("!!", "x")] {
            let p = RougePair(hypothesis: h, reference: r, stemming: false)
            #expect(p.rougeN(1) == .zero && p.rougeN(2) == .zero && p.rougeL() == .zero && p.rougeLsum() == .zero)
        }
    }
}

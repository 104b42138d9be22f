import Testing
@testable import BlendCore

struct BootstrapTests {
    @Test func degenerateCases() {
        #expect(Bootstrap().interval([], seed: 1) == nil)
        let one = Bootstrap().interval([4], seed: 1)
        #expect(one?.low == 4 && one?.high == 4)
        let constant = Bootstrap().interval([2, 2, 2], seed: 9)
        #expect(constant?.low == 2 && constant?.high == 2)
    }

    /// Values {0, 10}: a resample's mean is 0, 5 or 10 with probability 1/4, 1/2, 1/4, so the
    /// 2.5 % and 97.5 % quantiles of 1,000 resampled means are 0 and 10.
    @Test func handWorkedTwoPoints() {
        let i = Bootstrap().interval([0, 10], seed: 3)
        #expect(i?.low == 0 && i?.high == 10)
    }

    @Test func deterministicForASeed() {
        let v: [Double] = [1, 5, 2, 8, 3, 9, 4]
        let a = Bootstrap().interval(v, seed: 42), b = Bootstrap().interval(v, seed: 42)
        #expect(a?.low == b?.low && a?.high == b?.high)
        #expect((a?.low ?? 99) <= 32.0 / 7 && 32.0 / 7 <= (a?.high ?? -99))
    }

    /// All-zero differences give p = 1. One difference of 1: every sign flip gives |sum| = 1
    /// >= the observed 1, so p = (1 + R) / (R + 1) = 1. Five differences of 1: only the two
    /// all-same-sign flips (probability 1/16) reach |sum| = 5, so p is near 1/16.
    @Test func pairedPermutationHandWorked() {
        let t = PairedPermutationTest(resamples: 5000)
        #expect(t.pValue([1, 2], [1, 2], seed: 1) == 1)
        #expect(t.pValue([1], [0], seed: 1) == 1)
        let p = t.pValue([1, 1, 1, 1, 1], [0, 0, 0, 0, 0], seed: 1) ?? 0
        #expect(p > 0.05 && p < 0.075)
        #expect(t.pValue([], [], seed: 1) == nil)
        #expect(t.pValue([1], [1, 2], seed: 1) == nil)
    }
}

import BlendCore
import Testing

@Test("bootstrap interval brackets the mean, is deterministic for a seed, and degenerates on constants")
func bootstrapInterval() throws {
    let values = (0..<200).map { Double($0 % 10) }   // mean 4.5, sd ~2.87, se ~0.20
    let a = try #require(Bootstrap().interval(values, seed: 7))
    let b = try #require(Bootstrap().interval(values, seed: 7))
    #expect(a.low == b.low && a.high == b.high)
    #expect(a.low < 4.5 && 4.5 < a.high)
    // A 95 % interval is about +-1.96 se = +-0.40 wide on each side.
    #expect(a.high - a.low > 0.6 && a.high - a.low < 1.0)
    let constant = try #require(Bootstrap().interval([3, 3, 3], seed: 1))
    #expect(constant.low == 3 && constant.high == 3)
    #expect(Bootstrap().interval([], seed: 1) == nil)
}

@Test("paired permutation test: identical methods give p = 1, a consistent gap a small p")
func pairedTest() throws {
    let a = (0..<50).map { Double($0) }
    #expect(PairedPermutationTest().pValue(a, a, seed: 1) == 1)
    let shifted = a.map { $0 + 1 }
    let p = try #require(PairedPermutationTest(resamples: 2000).pValue(shifted, a, seed: 1))
    // Every difference is +1: only the all-positive flip (probability 2^-50) is as extreme.
    #expect(p == 1.0 / 2001.0)
    // Differences +1, -1 alternating: mean 0, nothing is rarer than that.
    let mixed = a.enumerated().map { $0.offset % 2 == 0 ? $0.element + 1 : $0.element - 1 }
    #expect(PairedPermutationTest().pValue(mixed, a, seed: 1) == 1)
    #expect(PairedPermutationTest().pValue([1], [1, 2], seed: 1) == nil)
}

/// The permutation test as first written: every difference flipped by its bit, in order.
private func referencePValue(_ a: [Double], _ b: [Double], seed: UInt64, resamples: Int) -> Double {
    let d = zip(a, b).map { $0 - $1 }
    let observed = abs(d.reduce(0, +))
    if observed == 0 { return 1 }
    var rng = SeededGenerator(seed: seed)
    var extreme = 0
    for _ in 0..<resamples {
        var sum = 0.0
        var bits: UInt64 = 0
        for (i, x) in d.enumerated() {
            if i % 64 == 0 { bits = rng.next() }
            sum += (bits & 1) == 0 ? x : -x
            bits >>= 1
        }
        if abs(sum) >= observed * (1 - 1e-12) { extreme += 1 }
    }
    return Double(1 + extreme) / Double(resamples + 1)
}

@Test("paired permutation test: the branch-free, zero-skipping loop gives exactly the plain loop's p-values",
      arguments: [1, 63, 64, 65, 200, 405])
func permutationTestEqualsThePlainLoop(n: Int) {
    var g = SeededGenerator(seed: UInt64(n), purpose: "data")
    for trial in 0..<6 {
        // Metric-like values: many ties (zero differences), some small gaps, a few large ones.
        let a = (0..<n).map { _ in Double(g.next() % 4) * (trial % 2 == 0 ? 25 : 0.37) }
        let b = a.map { x in g.next() % 3 == 0 ? x + Double(g.next() % 5) - 2 : x }
        let seed = g.next()
        #expect(PairedPermutationTest(resamples: 800).pValue(a, b, seed: seed) == referencePValue(a, b, seed: seed, resamples: 800))
    }
}

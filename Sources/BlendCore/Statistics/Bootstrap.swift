/// Percentile bootstrap interval of a mean over examples.
///
/// Draws `resamples` samples of size n with replacement from `values` using a generator seeded
/// by `seed`, takes each sample's mean, and returns the (alpha/2, 1 - alpha/2) empirical
/// quantiles of those means (nearest-rank on the sorted means). Deterministic for a seed.
/// Empty input gives nil; a single value gives the degenerate interval [v, v].
public struct Bootstrap: Sendable {
    public var resamples: Int
    public var confidence: Double

    public init(resamples: Int = 1000, confidence: Double = 0.95) {
        self.resamples = resamples
        self.confidence = confidence
    }

    public func interval(_ values: [Double], seed: UInt64) -> (low: Double, high: Double)? {
        guard !values.isEmpty else { return nil }
        let n = values.count
        var rng = SeededGenerator(seed: seed)
        var means = [Double](repeating: 0, count: resamples)
        values.withUnsafeBufferPointer { v in
            for b in 0..<resamples {
                var sum = 0.0
                for _ in 0..<n { sum += v[Int(rng.next() % UInt64(n))] }
                means[b] = sum / Double(n)
            }
        }
        means.sort()
        let alpha = (1 - confidence) / 2
        let lo = means[max(0, Int((alpha * Double(resamples)).rounded(.down)))]
        let hi = means[min(resamples - 1, Int(((1 - alpha) * Double(resamples)).rounded(.up)) - 1)]
        return (lo, hi)
    }
}

/// Paired sign-flip permutation test of H0: the mean per-example difference is 0.
///
/// For differences d_i = a_i - b_i, the statistic is |mean(d)|; each of `resamples` permutations
/// flips the sign of every d_i with probability 1/2 (seeded). The two-sided p-value is
/// (1 + #{|mean(d*)| >= |mean(d)|}) / (resamples + 1), so it is never 0. All-zero differences
/// give p = 1. Deterministic for a seed.
public struct PairedPermutationTest: Sendable {
    public var resamples: Int

    public init(resamples: Int = 5000) { self.resamples = resamples }

    public func pValue(_ a: [Double], _ b: [Double], seed: UInt64) -> Double? {
        guard a.count == b.count, !a.isEmpty else { return nil }
        let d = zip(a, b).map { $0 - $1 }
        let observed = abs(d.reduce(0, +))
        if observed == 0 { return 1 }
        var rng = SeededGenerator(seed: seed)
        var extreme = 0
        // The same sums as flipping every d_i by its bit in order (`bits & 1 == 0 ? x : -x`),
        // computed faster: a zero difference adds nothing (its bit is still drawn, so the others
        // keep theirs), and the sign is flipped by xor-ing the bit into the sign bit, which is
        // exact and has no branch to mispredict on random bits.
        let nonzero = d.indices.filter { d[$0] != 0 }
        let words = (d.count + 63) / 64
        var draws = [UInt64](repeating: 0, count: words)
        nonzero.withUnsafeBufferPointer { idx in
            d.withUnsafeBufferPointer { d in
                draws.withUnsafeMutableBufferPointer { draws in
                    for _ in 0..<resamples {
                        for w in 0..<words { draws[w] = rng.next() }
                        var sum = 0.0
                        for i in idx {
                            let flip = (draws[i >> 6] >> UInt64(i & 63)) & 1
                            sum += Double(bitPattern: d[i].bitPattern ^ (flip << 63))
                        }
                        // Compare sums, not means: same ratio, no rounding from the division.
                        if abs(sum) >= observed * (1 - 1e-12) { extreme += 1 }
                    }
                }
            }
        }
        return Double(1 + extreme) / Double(resamples + 1)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// Rank correlations as scipy.stats computes them. Each returns nil where scipy returns NaN:
/// fewer than 2 paired values, or a constant side. Deterministic.
public enum Correlation {
    /// Pearson's r = sum (x - mx)(y - my) / sqrt(sum (x - mx)^2 * sum (y - my)^2), clipped to
    /// [-1, 1] (scipy.stats.pearsonr).
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
        let n = x.count
        guard n == y.count, n >= 2 else { return nil }
        let mx = x.reduce(0, +) / Double(n), my = y.reduce(0, +) / Double(n)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in 0..<n {
            let dx = x[i] - mx, dy = y[i] - my
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        guard sxx > 0, syy > 0 else { return nil }
        return min(1, max(-1, sxy / (sxx.squareRoot() * syy.squareRoot())))
    }

    /// Spearman's rho: Pearson's r of the average ranks (ties get the mean of the ranks they
    /// span), as scipy.stats.spearmanr.
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double? {
        guard x.count == y.count else { return nil }
        return pearson(averageRanks(x), averageRanks(y))
    }

    /// Kendall's tau-b (scipy.stats.kendalltau's default):
    /// (C - D) / sqrt((n0 - n1)(n0 - n2)), with C, D the concordant and discordant pairs,
    /// n0 = n(n-1)/2, n1 and n2 the pairs tied in x and in y. O(n^2).
    public static func kendallTauB(_ x: [Double], _ y: [Double]) -> Double? {
        let n = x.count
        guard n == y.count, n >= 2 else { return nil }
        var concordant = 0, discordant = 0, tiedX = 0, tiedY = 0
        for i in 0..<n {
            for j in (i + 1)..<n {
                let dx = x[i] - x[j], dy = y[i] - y[j]
                if dx == 0 { tiedX += 1 }
                if dy == 0 { tiedY += 1 }
                if dx != 0 && dy != 0 {
                    if (dx > 0) == (dy > 0) { concordant += 1 } else { discordant += 1 }
                }
            }
        }
        let n0 = n * (n - 1) / 2
        let denominator = (Double(n0 - tiedX) * Double(n0 - tiedY)).squareRoot()
        guard denominator > 0 else { return nil }
        return min(1, max(-1, Double(concordant - discordant) / denominator))
    }

    /// Spearman's footrule between two rankings: sum_i |a_i - b_i|.
    public static func footrule(_ a: [Int], _ b: [Int]) -> Int {
        zip(a, b).reduce(0) { $0 + abs($1.0 - $1.1) }
    }

    /// 1-based ranks, ascending, ties sharing the average of their ranks
    /// (scipy.stats.rankdata(method="average")).
    public static func averageRanks(_ x: [Double]) -> [Double] {
        let order = x.indices.sorted { x[$0] < x[$1] }
        var ranks = [Double](repeating: 0, count: x.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && x[order[j + 1]] == x[order[i]] { j += 1 }
            let rank = Double(i + j + 2) / 2
            for k in i...j { ranks[order[k]] = rank }
            i = j + 1
        }
        return ranks
    }
}

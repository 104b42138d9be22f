/// MaxLogits on a random subset of pairs (beyond the paper; for the efficiency comparison):
/// of the N(N-1)/2 unordered pairs {i, j}, ask a seeded random subset of
/// m = ceil(fraction x N(N-1)/2) pairs (a Fisher-Yates shuffle of the pairs in row-major order
/// i < j from `SeededGenerator(seed, purpose: "random-pairs/" + example id)`, first m taken), both
/// orders each, so 2m comparisons. Then s_i = sum over asked pairs {i, j} of (M[i][j] - M[j][i])
/// (a missing order counts as 0), as MaxLogits restricted to the asked entries; a candidate in no
/// asked pair scores 0. Ties keep index order. `fraction` = 1 asks every pair and equals
/// max-logits (N(N-1) comparisons); `comparisons(n:)` states the cost. With fraction < 1 the
/// best candidate can be left out of every asked pair, so it need not be found. Deterministic
/// for a seed; not invariant to candidate order (the subset is drawn by position).
public struct RandomPairsRule: AggregationRule, Configurable {
    public static let id = "random-pairs"
    public static let version = 1
    public static let isSeeded = true
    public static let isOrderInvariant = false
    /// The share of unordered pairs asked, in (0, 1].
    public struct Parameters: ComponentParameters {
        /// The share of the N(N-1)/2 unordered pairs asked, in (0, 1].
        public var fraction = 0.5
        public init() {}
        public func validate() throws { guard fraction > 0, fraction <= 1 else { throw ParameterError.invalid(key: "fraction", message: "must be in (0, 1]") } }
    }

    public let params: Parameters
    public init(_ params: Parameters = .init()) { self.params = params }

    /// The number of unordered pairs asked for N candidates: ceil(fraction x N(N-1)/2).
    public func pairs(n: Int) -> Int {
        let all = n * (n - 1) / 2
        guard all > 0 else { return 0 }
        // The small epsilon keeps fractions like 0.3 x 10 from rounding up to 4 in binary.
        return min(all, Int((params.fraction * Double(all) - 1e-9).rounded(.up)))
    }

    /// The comparisons (model calls) for N candidates: both orders of every asked pair.
    public func comparisons(n: Int) -> Int { 2 * pairs(n: n) }

    public func aggregate(_ source: any ComparisonSource, seed: UInt64, purpose: String) async throws -> AggregationResult {
        try source.requireCandidates()
        let n = source.count
        var all: [(Int, Int)] = []
        for i in 0..<n { for j in (i + 1)..<max(n, i + 1) { all.append((i, j)) } }
        var rng = SeededGenerator(seed: seed, purpose: "random-pairs/" + purpose)
        if all.count > 1 {
            for a in stride(from: all.count - 1, to: 0, by: -1) {
                all.swapAt(a, Int(rng.next() % UInt64(a + 1)))
            }
        }
        var scores = [Double](repeating: 0, count: n)
        for (i, j) in all.prefix(pairs(n: n)) {
            let forward = try await source.logit(i, j) ?? 0
            let backward = try await source.logit(j, i) ?? 0
            scores[i] += forward - backward
            scores[j] += backward - forward
        }
        return AggregationResult(scores: scores)
    }
}

/// One bubble pass, as the reference's `_bubble_predict` (digest 2.6(b)), O(N):
/// start from a seeded random permutation p (Fisher-Yates from `SeededGenerator(seed, purpose:
/// "bubble/" + example id)`; the reference's unseeded `torch.randperm` is shared across a batch).
/// For k = 0...N-2, with cur = p[k] and nxt = p[k+1], ask both orders and compute
/// M[cur][nxt] - M[nxt][cur] (preds + preds_inv); if it is > 0, cur is better and moves to slot
/// k+1, otherwise (ties and missing pairs included) nxt stays there. After the pass the last slot
/// holds the predicted best. Cost: 2(N-1) comparisons.
///
/// The reference returns only the winner (or the winner plus losers in elimination order, which
/// is not a ranking). To give the full ranking the runner needs, this rule ranks the winner
/// first and then the losers in *reverse* elimination order (the candidate that lost the last
/// comparison second, the first loser last). Scores: the loser of step k scores k, the winner
/// N-1. Only the winner is what the paper evaluates; the rest is a by-product, weak by design.
/// Deterministic for a seed; not invariant to candidate order (the permutation is positional).
public struct BubbleRule: AggregationRule, Configurable {
    public static let id = "bubble"
    public static let version = 1
    public static let isSeeded = true
    public static let isOrderInvariant = false
    public let params = NoParameters()
    public init(_ params: NoParameters = .init()) {}

    public init() {}

    public func aggregate(_ source: any ComparisonSource, seed: UInt64, purpose: String) async throws -> AggregationResult {
        try source.requireCandidates()
        let n = source.count
        var rng = SeededGenerator(seed: seed, purpose: "bubble/" + purpose)
        var perm = Self.permutation(n, using: &rng)
        var scores = [Double](repeating: 0, count: n)
        for k in 0..<(n - 1) {
            let cur = perm[k], nxt = perm[k + 1]
            let preds = try await source.logit(cur, nxt) ?? 0
            let predsInv = -(try await source.logit(nxt, cur) ?? 0)
            if preds + predsInv > 0 {
                perm[k] = nxt
                perm[k + 1] = cur
            }
            scores[perm[k]] = Double(k)
        }
        scores[perm[n - 1]] = Double(n - 1)
        return AggregationResult(scores: scores)
    }

    /// A uniform random permutation of 0..<n (Fisher-Yates), stable across platforms.
    static func permutation(_ n: Int, using rng: inout SeededGenerator) -> [Int] {
        var p = Array(0..<n)
        guard n > 1 else { return p }
        for i in stride(from: n - 1, to: 0, by: -1) {
            let j = Int(rng.next() % UInt64(i + 1))
            p.swapAt(i, j)
        }
        return p
    }
}

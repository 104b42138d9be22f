/// Scores to ranks, and ranks to an order.
public enum Ranking {
    /// Competition ranks of `scores` (higher is better): rank_i = 1 + #{j : s_j > s_i}.
    /// Equal scores share the best (smallest) rank, as the paper's `get_ranks_from_scores`.
    /// NaN scores count as minus infinity.
    public static func competitionRanks(scores: [Double]) -> [Int] {
        let keyed = scores.map { $0.isNaN ? -Double.infinity : $0 }
        return keyed.map { s in 1 + keyed.reduce(0) { $0 + ($1 > s ? 1 : 0) } }
    }

    /// Candidate indices from best to worst score; equal scores keep index order, so the
    /// result is a permutation of `0..<scores.count` and deterministic.
    public static func order(scores: [Double]) -> [Int] {
        let keyed = scores.map { $0.isNaN ? -Double.infinity : $0 }
        return keyed.indices.sorted { keyed[$0] != keyed[$1] ? keyed[$0] > keyed[$1] : $0 < $1 }
    }
}

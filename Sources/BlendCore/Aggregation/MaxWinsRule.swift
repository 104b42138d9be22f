/// MaxWins (digest 2.6(a), `get_ranks_from_cmps` with `policy="max_wins"`):
/// s_i = #{j : M[i][j] > 0} + #{j : M[j][i] < 0}, wins as the left item plus wins as the right
/// item, over the full matrix. This is the rank function's *sum* form; the reference's score
/// function averages the second term (`.mean(axis=-2)`), an inconsistency not copied here.
/// Missing entries and logits of exactly 0 win nothing. Ties keep index order (integer scores
/// tie often). Deterministic; invariant to candidate order for tie-free scores.
public struct MaxWinsRule: AggregationRule, Configurable {
    public static let readsEveryPair = true
    public static let id = "max-wins"
    public static let version = 1
    public let params = NoParameters()
    public init(_ params: NoParameters = .init()) {}

    public init() {}

    public func aggregate(_ source: any ComparisonSource, seed: UInt64, purpose: String) async throws -> AggregationResult {
        try source.requireCandidates()
        let m = try await source.fullMatrix()
        let n = m.count
        let scores = (0..<n).map { i -> Double in
            var wins = 0
            for j in 0..<n where j != i {
                if let l = m[i][j], l > 0 { wins += 1 }
                if let l = m[j][i], l < 0 { wins += 1 }
            }
            return Double(wins)
        }
        return AggregationResult(scores: scores)
    }
}

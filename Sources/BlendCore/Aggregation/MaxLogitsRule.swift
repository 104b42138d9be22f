/// MaxLogits, the paper's default aggregation (digest 2.6(a), `get_ranks_from_cmps` with
/// `policy="max_logits"`): s_i = sum_{j != i} (M[i][j] - M[j][i]), over the full matrix
/// (N(N-1) comparisons). Missing entries count as 0. The sum form of the reference's rank
/// function; its score function's mean over j gives the same order. Ties keep index order.
/// Deterministic; invariant to candidate order for tie-free scores.
public struct MaxLogitsRule: AggregationRule, Configurable {
    public static let readsEveryPair = true
    public static let id = "max-logits"
    public static let version = 1
    public let params = NoParameters()
    public init(_ params: NoParameters = .init()) {}

    public init() {}

    public func aggregate(_ source: any ComparisonSource, seed: UInt64, purpose: String) async throws -> AggregationResult {
        try source.requireCandidates()
        let m = try await source.fullMatrix()
        let n = m.count
        var scores = [Double](repeating: 0, count: n)
        for i in 0..<n {
            for j in 0..<n where j != i {
                let forward: Double = m[i][j] ?? 0
                let backward: Double = m[j][i] ?? 0
                scores[i] += forward - backward
            }
        }
        return AggregationResult(scores: scores)
    }
}

/// Copeland's rule (beyond the paper): for every unordered pair {i, j}, the position-debiased
/// preference d = M[i][j] - M[j][i] decides one game: d > 0 a win for i, d < 0 a win for j, d = 0
/// half a win each; pairs with neither order compared play no game. s_i = wins of i. Unlike
/// max-wins, one pair counts once, after both orders are combined. Ties keep index order.
/// Deterministic; invariant to candidate order for tie-free scores. Source: Copeland (1951).
public struct CopelandRule: AggregationRule, Configurable {
    public static let readsEveryPair = true
    public static let id = "copeland"
    public static let version = 1
    public let params = NoParameters()
    public init(_ params: NoParameters = .init()) {}

    public init() {}

    public func aggregate(_ source: any ComparisonSource, seed: UInt64, purpose: String) async throws -> AggregationResult {
        try source.requireCandidates()
        let n = source.count
        var scores = [Double](repeating: 0, count: n)
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                guard let d = try await source.debiased(i, j) else { continue }
                if d > 0 { scores[i] += 1 } else if d < 0 { scores[j] += 1 } else { scores[i] += 0.5; scores[j] += 0.5 }
            }
        }
        return AggregationResult(scores: scores)
    }
}

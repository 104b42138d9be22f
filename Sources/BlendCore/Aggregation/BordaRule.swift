#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// A soft Borda count (beyond the paper): s_i = sum_{j != i} p_ij, the expected number of
/// candidates i beats, where p_ij is the mean of the available probabilities sigmoid(M[i][j])
/// and sigmoid(-M[j][i]) (both orders, so position bias cancels); pairs with neither order
/// compared add nothing. With 0/1 probabilities it is the Borda count of the pairwise
/// majority. Ties keep index order. Deterministic; invariant to candidate order for tie-free
/// scores. Source: Borda (1781), in its pairwise form.
public struct BordaRule: AggregationRule, Configurable {
    public static let readsEveryPair = true
    public static let id = "borda"
    public static let version = 1
    public let params = NoParameters()
    public init(_ params: NoParameters = .init()) {}

    public init() {}

    public func aggregate(_ source: any ComparisonSource, seed: UInt64, purpose: String) async throws -> AggregationResult {
        try source.requireCandidates()
        let m = try await source.fullMatrix()
        let n = m.count
        let scores = (0..<n).map { i -> Double in
            var total = 0.0
            for j in 0..<n where j != i {
                var sum = 0.0, available = 0.0
                if let forward = m[i][j] { sum += Self.sigmoid(forward); available += 1 }
                if let backward = m[j][i] { sum += Self.sigmoid(-backward); available += 1 }
                if available > 0 { total += sum / available }
            }
            return total
        }
        return AggregationResult(scores: scores)
    }

    /// 1 / (1 + e^-x), written to stay finite for large |x|.
    static func sigmoid(_ x: Double) -> Double {
        x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// Elo ratings (beyond the paper): every unordered pair {i, j} plays one game, in a seeded
/// random order (Fisher-Yates over the N(N-1)/2 pairs, `SeededGenerator(seed, purpose:
/// "elo/" + example id)`); the game's outcome is the sign of the debiased preference
/// M[i][j] - M[j][i] (1, 0, or 0.5 for a tie); pairs with neither order compared are skipped.
/// Ratings start at 0 and update R_i += K (S_i - E_i) with E_i = 1 / (1 + 10^((R_j - R_i)/400)).
/// s_i = R_i. Ties keep index order. Deterministic for a seed; not invariant to candidate order
/// (the game order is positional, and Elo depends on the order of games).
public struct EloRule: AggregationRule, Configurable {
    public static let readsEveryPair = true
    public static let id = "elo"
    public static let version = 1
    public static let isSeeded = true
    public static let isOrderInvariant = false
    public struct Parameters: ComponentParameters {
        /// The update step K.
        public var k = 32.0
        public init() {}
        public func validate() throws { guard k > 0 else { throw ParameterError.invalid(key: "k", message: "must be positive") } }
    }

    public let params: Parameters
    public init(_ params: Parameters = .init()) { self.params = params }

    public func aggregate(_ source: any ComparisonSource, seed: UInt64, purpose: String) async throws -> AggregationResult {
        try source.requireCandidates()
        let n = source.count
        var pairs: [(Int, Int)] = []
        for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { pairs.append((i, j)) } }
        var rng = SeededGenerator(seed: seed, purpose: "elo/" + purpose)
        let order = BubbleRule.permutation(pairs.count, using: &rng)
        var ratings = [Double](repeating: 0, count: n)
        for index in order {
            let (i, j) = pairs[index]
            guard let d = try await source.debiased(i, j) else { continue }
            let outcome = d > 0 ? 1.0 : (d < 0 ? 0.0 : 0.5)
            let expected = 1 / (1 + pow(10, (ratings[j] - ratings[i]) / 400))
            ratings[i] += params.k * (outcome - expected)
            ratings[j] -= params.k * (outcome - expected)
        }
        return AggregationResult(scores: ratings)
    }
}

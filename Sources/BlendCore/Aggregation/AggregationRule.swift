/// A rule that turns pairwise comparisons of N candidates into a ranking (digest 2.6). Rules read
/// comparisons only through a `ComparisonSource`, so a rule that needs few pairs (bubble, elo,
/// full-sort) costs only those model calls, and every rule over one stored matrix sees the same
/// comparisons.
public protocol AggregationRule: Component {
    /// Whether relabelling the candidates relabels the ranking the same way (for tie-free
    /// matrices). Seeded rules (bubble, elo) are not: their random order depends on positions.
    static var isOrderInvariant: Bool { get }

    /// Whether the rule reads every off-diagonal entry of the matrix (max-logits and the other
    /// full-matrix rules); then the runner computes the whole matrix up front as one stage.
    static var readsEveryPair: Bool { get }

    /// The ranking (best first, a permutation of 0..<N) and one score per candidate (higher is
    /// better, consistent with the ranking). `seed` and `purpose` (the example id) seed any
    /// random choice, so an example's result does not depend on the other examples.
    func aggregate(_ source: any ComparisonSource, seed: UInt64, purpose: String) async throws -> AggregationResult
}

extension AggregationRule {
    public static var reads: ExampleInputs { [] }
    public static var isOrderInvariant: Bool { true }
    public static var readsEveryPair: Bool { false }
}

/// The result of an aggregation rule for one example.
public struct AggregationResult: Sendable, Hashable, Codable {
    /// Candidate indices, best first.
    public var ranking: [Int]
    /// One score per candidate, in candidate order; higher is better.
    public var scores: [Double]

    public init(ranking: [Int], scores: [Double]) {
        self.ranking = ranking
        self.scores = scores
    }

    /// Scores and the order they imply (ties keep index order).
    public init(scores: [Double]) {
        self.init(ranking: Ranking.order(scores: scores), scores: scores)
    }
}

extension ComparisonSource {
    /// An error for N = 0, so every rule rejects an empty source the same way.
    func requireCandidates() throws {
        guard count > 0 else { throw AggregationError.emptyMatrix }
    }
}

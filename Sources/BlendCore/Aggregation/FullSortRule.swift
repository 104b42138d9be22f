/// A comparison sort (beyond the paper): a top-down merge sort whose comparator is the debiased
/// preference d = M[a][b] - M[b][a] (both orders asked, 2 model calls per comparison); a is placed
/// first when d > 0, otherwise the merge keeps the left run's element first (stable, so ties and
/// missing pairs keep index order). `budget` caps the number of comparisons (0 = unlimited,
/// at most about N log2 N); once spent, remaining merges keep the left run first without asking.
/// Scores: N-1 for the first place down to 0 for the last. Deterministic; with a consistent
/// (transitive) comparator and enough budget it is invariant to candidate order.
public struct FullSortRule: AggregationRule, Configurable {
    public static let id = "full-sort"
    public static let version = 1
    public struct Parameters: ComponentParameters {
        /// The most comparisons; 0 = no cap.
        public var budget = 0
        public init() {}
        public func validate() throws { guard budget >= 0 else { throw ParameterError.invalid(key: "budget", message: "must be 0 (no cap) or more") } }
    }

    public let params: Parameters
    public init(_ params: Parameters = .init()) { self.params = params }

    public func aggregate(_ source: any ComparisonSource, seed: UInt64, purpose: String) async throws -> AggregationResult {
        try source.requireCandidates()
        var spent = 0
        let ranking = try await sort(Array(0..<source.count), source: source, spent: &spent)
        var scores = [Double](repeating: 0, count: ranking.count)
        for (place, candidate) in ranking.enumerated() { scores[candidate] = Double(ranking.count - 1 - place) }
        return AggregationResult(ranking: ranking, scores: scores)
    }

    private func sort(_ items: [Int], source: any ComparisonSource, spent: inout Int) async throws -> [Int] {
        guard items.count > 1 else { return items }
        let middle = items.count / 2
        let left = try await sort(Array(items[..<middle]), source: source, spent: &spent)
        let right = try await sort(Array(items[middle...]), source: source, spent: &spent)
        var merged: [Int] = []
        merged.reserveCapacity(items.count)
        var a = 0, b = 0
        while a < left.count && b < right.count {
            var rightFirst = false
            if params.budget == 0 || spent < params.budget {
                spent += 1
                if let d = try await source.debiased(right[b], left[a]), d > 0 { rightFirst = true }
            }
            if rightFirst { merged.append(right[b]); b += 1 } else { merged.append(left[a]); a += 1 }
        }
        merged += left[a...]
        merged += right[b...]
        return merged
    }
}

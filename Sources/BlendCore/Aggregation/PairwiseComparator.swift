/// A pairwise ranker's model: the logit that candidate `i` beats candidate `j` of `example` when
/// i is shown first (left). > 0 means i is better. One call is one model call (a PairRanker
/// forward pass, an LLM judge request). Comparators plug into every aggregation rule through
/// `LazyComparisonMatrix`; the runner caches each call under the comparator's `cacheFields` plus
/// the ordered pair (stage `compare`), so all rules read the same stored comparisons.
public protocol PairwiseComparator: Component {
    /// The main table's row group for rows of this comparator.
    static var tableGroup: MethodInfo.Group { get }

    func logit(_ example: Example, _ i: Int, _ j: Int, context: ComponentContext) async throws -> Double
}

extension PairwiseComparator {
    public static var tableGroup: MethodInfo.Group { .ranker }
}

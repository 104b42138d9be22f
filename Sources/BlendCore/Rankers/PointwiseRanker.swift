/// A ranker that scores each candidate of an example on its own (the paper's pointwise
/// baselines: random, MLM-scoring, SimCLS, SummaReranker). Higher scores are better.
public protocol PointwiseRanker: Component {
    /// The main table's row group for this ranker (`oracle` for upper bounds).
    static var tableGroup: MethodInfo.Group { get }

    /// One score per candidate, in candidate order.
    func scores(for example: Example, context: ComponentContext) async throws -> [Double]
}

extension PointwiseRanker {
    public static var tableGroup: MethodInfo.Group { .ranker }
}

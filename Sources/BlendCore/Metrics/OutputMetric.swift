/// What an evaluation column scores for one example: a candidate the method selected, or a new
/// text it produced (a fused answer).
public enum EvaluatedOutput: Sendable, Hashable, Codable {
    case candidate(Int)
    case text(String)
}

/// One column of the paper's tables, computed per example and then averaged over examples.
public protocol OutputMetric: Component {
    /// Column header (`GPT-Rank`, `Top-3 %`).
    var label: String { get }
    /// Whether larger values are better (for bold-best and significance direction).
    var higherIsBetter: Bool { get }
    /// The value for one example, or nil where the metric does not apply (say, the oracle rank
    /// of a fused text without a judge).
    func value(of output: EvaluatedOutput, in example: Example, context: ComponentContext) async throws -> Double?
}

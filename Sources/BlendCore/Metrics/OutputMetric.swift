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
    /// Whether a run stores this metric's value of every candidate of an example (one cache
    /// entry per example, read for all examples in one lookup): for deterministic metrics that
    /// cost more to compute than to read back, such as the lexical ones. Default false.
    var storesCandidateValues: Bool { get }
    /// The value of every candidate of the example, in order (`value(of: .candidate(i))`; a
    /// metric may share work between them, such as preparing the reference once).
    func candidateValues(in example: Example, context: ComponentContext) async throws -> [Double?]
}

extension OutputMetric {
    public var storesCandidateValues: Bool { false }

    public func candidateValues(in example: Example, context: ComponentContext) async throws -> [Double?] {
        var out: [Double?] = []
        for i in example.candidates.indices { out.append(try await value(of: .candidate(i), in: example, context: context)) }
        return out
    }
}

/// The judge's own score of the selected candidate (AlpacaEval: the probability that it beats the
/// reference, `preference - 1`). Only for oracles with scores. Higher is better.
public struct JudgeScoreMetric: OutputMetric, Configurable {
    public static let id = "judge-score"
    public static let version = 1
    public let params = NoParameters()
    public init(_ params: NoParameters = .init()) {}
    public var label: String { "Judge score" }
    public var higherIsBetter: Bool { true }

    public init() {}

    public func value(of output: EvaluatedOutput, in example: Example, context: ComponentContext) async throws -> Double? {
        guard case .candidate(let i) = output else { return nil }
        return example.oracle.score(of: example.candidates[i].model)
    }
}

/// The paper's GPT-Rank analogue (digest section 6): the oracle rank of the selected candidate
/// among all candidates, 1 = best, ties sharing the best rank. Lower is better. A new text has no
/// oracle rank without a judge, so it gets none here.
public struct OracleRankMetric: OutputMetric, Configurable {
    public static let id = "oracle-rank"
    public static let version = 1
    public let params = NoParameters()
    public init(_ params: NoParameters = .init()) {}
    public var label: String { "GPT-Rank" }
    public var higherIsBetter: Bool { false }

    public init() {}

    public func value(of output: EvaluatedOutput, in example: Example, context: ComponentContext) async throws -> Double? {
        guard case .candidate(let i) = output, !example.oracle.isEmpty else { return nil }
        return Double(example.oracleRanks[i])
    }
}

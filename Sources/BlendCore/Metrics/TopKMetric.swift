/// The paper's Top-K % column: 100 when the selected candidate's oracle rank is at most `k`
/// (ties share the best rank, so several candidates can be "top"), else 0; its mean over
/// examples is the percentage. Higher is better.
public struct TopKMetric: OutputMetric {
    public static let id = "top-k"
    public static let version = 1
    public let k: Int
    public var parameters: JSONValue { .object(["k": .int(k)]) }
    public var label: String { "Top-\(k) %" }
    public var higherIsBetter: Bool { true }

    public init(k: Int = 3) { self.k = k }

    public func value(of output: EvaluatedOutput, in example: Example, context: ComponentContext) async throws -> Double? {
        guard case .candidate(let i) = output, !example.oracle.isEmpty else { return nil }
        return example.oracleRanks[i] <= k ? 100 : 0
    }
}

/// The paper's Top-K % column: 100 when the selected candidate's oracle rank is at most `k`
/// (ties share the best rank, so several candidates can be "top"), else 0; its mean over
/// examples is the percentage. Higher is better.
public struct TopKMetric: OutputMetric, Configurable {
    public static let id = "top-k"
    public static let version = 1
    public struct Parameters: ComponentParameters {
        public var k = 3
        public init() {}
        public func validate() throws { guard k >= 1 else { throw ParameterError.invalid(key: "k", message: "must be at least 1") } }
    }

    public let params: Parameters
    public init(_ params: Parameters = .init()) { self.params = params }
    public var label: String { "Top-\(params.k) %" }
    public var higherIsBetter: Bool { true }


    public func value(of output: EvaluatedOutput, in example: Example, context: ComponentContext) async throws -> Double? {
        guard case .candidate(let i) = output, !example.oracle.isEmpty else { return nil }
        return example.oracleRanks[i] <= params.k ? 100 : 0
    }
}

/// Scores a candidate by its length in Unicode characters (`longest`) or its negative
/// (`shortest`). A diagnostic baseline: length alone correlates with LLM judges.
/// Deterministic; equal lengths tie.
public struct LengthRanker: PointwiseRanker, Configurable {
    public static let id = "length"
    public static let version = 1
    public static let reads: ExampleInputs = [.candidates]
    public enum Prefer: String, ParameterChoice { case longest, shortest }
    public struct Parameters: ComponentParameters {
        public var prefer = Prefer.longest
        public init() {}
    }

    public var params: Parameters
    public init(_ params: Parameters = .init()) { self.params = params }

    public func scores(for example: Example, context: ComponentContext) async throws -> [Double] {
        example.candidates.map { Double($0.text.count) * (params.prefer == .longest ? 1 : -1) }
    }
}

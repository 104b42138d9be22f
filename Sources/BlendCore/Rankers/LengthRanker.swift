/// Scores a candidate by its length in Unicode characters (`longest`) or its negative
/// (`shortest`). A diagnostic baseline: length alone correlates with LLM judges.
/// Deterministic; equal lengths tie.
public struct LengthRanker: PointwiseRanker {
    public static let id = "length"
    public static let version = 1
    public static let reads: ExampleInputs = [.candidates]
    public let prefer: String
    public var parameters: JSONValue { .object(["prefer": .string(prefer)]) }

    public init(prefer: String = "longest") { self.prefer = prefer }

    public func scores(for example: Example, context: ComponentContext) async throws -> [Double] {
        example.candidates.map { Double($0.text.count) * (prefer == "longest" ? 1 : -1) }
    }
}

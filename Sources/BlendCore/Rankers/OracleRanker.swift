/// The upper bound: ranks candidates by the example's own oracle (the judge's scores, or net wins
/// of its pairwise verdicts; digest section 6). Picking its top candidate gives oracle rank 1.
/// Deterministic; ties keep candidate order.
public struct OracleRanker: PointwiseRanker, Configurable {
    public static let id = "oracle"
    public static let version = 1
    public static let reads: ExampleInputs = [.candidates, .oracle]
    public static let tableGroup = MethodInfo.Group.oracle
    public var params = NoParameters()
    public init(_ params: NoParameters = .init()) {}

    public init() {}

    public func scores(for example: Example, context: ComponentContext) async throws -> [Double] {
        example.oracle.oracleScores(models: example.candidates.map(\.model))
    }
}

/// The paper's Random baseline (section 3.1): uniform scores in [0, 1) from a generator seeded by
/// the experiment seed, this ranker's `seed` parameter and the example id, so the choice for an
/// example does not depend on which other examples run. Deterministic for a seed; ties have
/// probability 2^-53.
public struct RandomRanker: PointwiseRanker, Configurable {
    public static let id = "random"
    public static let version = 1
    public static let reads: ExampleInputs = [.candidates]
    public static let isSeeded = true
    public struct Parameters: ComponentParameters {
        public var seed = 0
        public init() {}
    }

    public var params: Parameters
    public init(_ params: Parameters = .init()) { self.params = params }

    public func scores(for example: Example, context: ComponentContext) async throws -> [Double] {
        var rng = SeededGenerator(seed: context.seed &+ UInt64(bitPattern: Int64(params.seed)), purpose: "random-ranker/" + example.id.rawValue)
        return example.candidates.map { _ in rng.unit() }
    }
}

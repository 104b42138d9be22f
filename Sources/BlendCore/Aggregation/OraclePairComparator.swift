#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// A synthetic pairwise comparator built from the example's oracle, for studying aggregation
/// rules without a model: logit(i, j) = scale * (o_i - o_j) + bias + noise * z, where o are the
/// oracle scores (judge scores, or net pairwise wins; digest section 6), `bias` is a position
/// bias in favour of the left item, and z is a standard normal drawn (Box-Muller) from
/// `SeededGenerator(seed, purpose: "oracle-pair/" + example id + "/i/j")`, so each ordered pair
/// has its own reproducible noise. A missing oracle score counts as 10 below the lowest one.
/// With noise = 0 and bias = 0 every rule recovers the oracle's best. An upper-bound row, not a
/// method: it reads the oracle. Deterministic for a seed.
public struct OraclePairComparator: PairwiseComparator, Configurable {
    public static let id = "oracle-pair"
    public static let version = 1
    public static let reads: ExampleInputs = [.candidates, .oracle]
    public static let isSeeded = true
    public static let tableGroup = MethodInfo.Group.oracle
    public struct Parameters: ComponentParameters {
        public var noise = 0.0
        public var bias = 0.0
        public var scale = 1.0
        public init() {}
        public func validate() throws { guard noise >= 0 else { throw ParameterError.invalid(key: "noise", message: "must be 0 or more") } }
    }

    public let params: Parameters
    public init(_ params: Parameters = .init()) { self.params = params }

    public func logit(_ example: Example, _ i: Int, _ j: Int, context: ComponentContext) async throws -> Double {
        let raw = example.oracle.oracleScores(models: example.candidates.map(\.model))
        let floor = (raw.filter { $0.isFinite }.min() ?? 0) - 10
        let o = raw.map { $0.isFinite ? $0 : floor }
        var value = params.scale * (o[i] - o[j]) + params.bias
        if params.noise > 0 {
            var rng = SeededGenerator(seed: context.seed, purpose: "oracle-pair/\(example.id.rawValue)/\(i)/\(j)")
            let u1 = max(rng.unit(), 1e-300), u2 = rng.unit()
            value += params.noise * sqrt(-2 * log(u1)) * cos(2 * Double.pi * u2)
        }
        return value
    }
}

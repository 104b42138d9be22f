/// An upper bound by any evaluation metric: ranks each candidate by `metric` (a catalog metric
/// id with its default parameters: bertscore, bleu, chrf, rouge-l, ...) of the candidate against
/// the experiment's reference output, the paper's "Oracle (BERTScore)" / "Oracle (BLEU)" rows.
/// Reads the reference, so it belongs with the oracles, not the rankers. A lower-is-better
/// metric is negated; a candidate the metric cannot score ranks last. Deterministic; equal
/// scores tie (broken by candidate order). Its identity nests the metric's (id, version,
/// parameters), so a new version of the metric misses this ranker's cached scores too.
public struct MetricOracleRanker: PointwiseRanker, EncoderUser, Configurable {
    public static let id = "metric-oracle"
    public static let version = 1
    public static let reads: ExampleInputs = [.candidates, .references]
    public static let tableGroup = MethodInfo.Group.oracle

    public struct Parameters: ComponentParameters {
        /// A catalog metric id; the metric has its default parameters.
        public var metric = "bertscore"
        public init() {}
    }

    public let params: Parameters
    let metric: any OutputMetric
    /// The metric's identity in place of its id, so a new metric version misses these scores.
    public var parameters: JSONValue { .object(["metric": metric.identity]) }
    public var encoderModels: [String] { (metric as? any EncoderUser)?.encoderModels ?? [] }
    public var displayName: String { "oracle(\(metric.label))" }

    public init(_ params: Parameters) throws {
        do {
            self.init(metric: try Catalog.make(Catalog.metrics, kind: "metric", id: params.metric, params: [:]))
        } catch let error as CatalogError {
            throw ParameterError.invalid(key: "metric", message: error.message)
        }
    }

    /// An oracle by an already made metric.
    public init(metric: any OutputMetric) {
        params = .with { $0.metric = type(of: metric).id }
        self.metric = metric
    }

    public func scores(for example: Example, context: ComponentContext) async throws -> [Double] {
        var scores: [Double] = []
        for i in example.candidates.indices {
            guard let v = try await metric.value(of: .candidate(i), in: example, context: context), v.isFinite else {
                scores.append(-.infinity)
                continue
            }
            scores.append(metric.higherIsBetter ? v : -v)
        }
        return scores
    }
}

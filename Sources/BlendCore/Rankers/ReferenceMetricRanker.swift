/// Scores each candidate by a lexical metric against the example's reference output: the
/// paper's reference-based ranking baselines (BLEU, ROUGE-2 rows of its ranker correlation
/// table, digest section 7.2). `metric`: bleu, chrf, rouge-1, rouge-2, rouge-l or rouge-lsum
/// (default bleu); `stemming` for ROUGE. Needs `dataset.reference`; an example without that
/// reference is an error. Deterministic; equal scores tie (broken by candidate order).
public struct ReferenceMetricRanker: PointwiseRanker, Configurable {
    public static let id = "reference-metric"
    public static let version = 1
    public static let reads: ExampleInputs = [.candidates, .references]
    public static let tableGroup = MethodInfo.Group.oracle

    public var params: LexicalScorer.Parameters
    public init(_ params: LexicalScorer.Parameters = .init()) { self.params = params }

    public struct MissingReference: BlendlabError, CustomStringConvertible {
        public var example: String
        public var reference: String?
        public var description: String {
            reference.map { "example \(example) has no reference output '\($0)'" }
                ?? "the reference-metric ranker needs dataset.reference in the experiment file"
        }
    }

    public func scores(for example: Example, context: ComponentContext) async throws -> [Double] {
        guard let name = context.reference, let reference = example.references[name] else {
            throw MissingReference(example: example.id.rawValue, reference: context.reference)
        }
        let scorer = LexicalScorer(metrics: [params.metric], stemming: params.stemming)
        return scorer.score(hypotheses: example.candidates.map(\.text), reference: reference).map { $0[0] }
    }
}

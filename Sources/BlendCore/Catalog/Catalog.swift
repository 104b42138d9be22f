/// The one place that names every component. Experiment files, the CLI and reports refer to
/// components by these ids; an unknown id is an error that lists the known ones.
public enum Catalog {
    /// A named component maker: the id, a one-line summary, and a factory that reads and
    /// validates the component's parameters.
    public struct Entry<Made>: Sendable {
        public let id: String
        public let summary: String
        let make: @Sendable (inout ParameterReader) throws -> Made

        public init(id: String, summary: String, make: @escaping @Sendable (inout ParameterReader) throws -> Made) {
            self.id = id
            self.summary = summary
            self.make = make
        }
    }

    public static let rankers: [Entry<RankerComponent>] = [
        Entry(id: RandomRanker.id, summary: "uniform random scores, seeded (the paper's Random)") {
            .pointwise(RandomRanker(seed: try $0.int("seed", default: 0)))
        },
        Entry(id: OracleRanker.id, summary: "the oracle's own ranking (upper bound)") { _ in .pointwise(OracleRanker()) },
        Entry(id: MetricOracleRanker.id, summary: "upper bound by a metric vs the reference (the paper's Oracle (BERTScore) rows)") {
            .pointwise(try MetricOracleRanker(metric: try $0.string("metric", default: "bertscore")))
        },
        Entry(id: LengthRanker.id, summary: "candidate length in characters") {
            .pointwise(LengthRanker(prefer: try $0.choice("prefer", ["longest", "shortest"], default: "longest")))
        },
        Entry(id: ReferenceMetricRanker.id, summary: "a lexical metric vs the reference output (the paper's BLEU/ROUGE rankers)") {
            let names = LexicalScorer.Metric.allCases.map { $0.rawValue }
            let metric = LexicalScorer.Metric(rawValue: try $0.choice("metric", names, default: "bleu")) ?? .bleu
            return .pointwise(ReferenceMetricRanker(metric: metric, stemming: try $0.bool("stemming", default: false)))
        },
        Entry(id: MBRRanker.id, summary: "consensus: mean lexical similarity to the other candidates (MBR)") {
            let names = LexicalScorer.Metric.allCases.map { $0.rawValue }
            let metric = LexicalScorer.Metric(rawValue: try $0.choice("metric", names, default: "bleu")) ?? .bleu
            return .pointwise(MBRRanker(metric: metric, stemming: try $0.bool("stemming", default: false)))
        },
        Entry(id: SimCLSRanker.id, summary: "cosine of instruction and candidate sentence embeddings, optionally through a learned projection (SimCLS)") {
            .pointwise(try SimCLSRanker.read(&$0))
        },
        Entry(id: EmbeddingMBRRanker.id, summary: "consensus: mean embedding cosine to the other candidates (MBR by embeddings)") {
            .pointwise(EmbeddingMBRRanker(model: try $0.string("model", default: "models/all-MiniLM-L6-v2")))
        },
        Entry(id: SummaRerankerRanker.id, summary: "trained pointwise cross-encoder scorer: instruction + candidate -> score (SummaReranker-style)") {
            .pointwise(try SummaRerankerRanker.read(&$0))
        },
        Entry(id: PairRanker.id, summary: "the paper's PairRanker: instruction + two candidates cross-encoded, trained pairwise head") {
            .pairwise(try PairRanker.read(&$0))
        },
        Entry(id: OraclePairComparator.id, summary: "pairwise: oracle score difference plus position bias and seeded noise (for studying rules)") {
            let noise = try $0.double("noise", default: 0)
            guard noise >= 0 else { throw ParameterError.invalid(key: "noise", message: "must be 0 or more") }
            return .pairwise(OraclePairComparator(noise: noise, bias: try $0.double("bias", default: 0), scale: try $0.double("scale", default: 1)))
        },
        Entry(id: LLMJudgeRanker.id, summary: "LLM judge, GPT-Rank prompt, pairwise net wins (the paper's GPT-Rank)") { .pointwise(try LLMJudgeRanker.read(&$0)) },
        Entry(id: LMScoreRanker.id, summary: "mean token log-probability under a causal LM (backend logprobs)") { .pointwise(try LMScoreRanker.read(&$0)) },
        Entry(id: StackRanker.id, summary: "learned pairwise combination of text features, other rankers' scores and a per-model prior (stacking)") { .pointwise(try StackRanker.read(&$0)) },
    ]

    public static let fusers: [Entry<any Fuser>] = [
        Entry(id: GenFuserPromptFuser.id, summary: "the paper's GenFuser prompt, verbatim, on a completions backend") { try GenFuserPromptFuser.read(&$0) },
        Entry(id: ChatFuser.id, summary: "fusion of the top-K by an instruction-tuned chat model") { try ChatFuser.read(&$0) },
    ]

    public static let generators: [Entry<LLMGenerator>] = [
        Entry(id: LLMGenerator.id, summary: "candidates generated live by a backend model") { try LLMGenerator.read(&$0) },
    ]

    public static let metrics: [Entry<any OutputMetric>] = [
        Entry(id: OracleRankMetric.id, summary: "oracle rank of the output, 1 = best (GPT-Rank analogue)") { _ in OracleRankMetric() },
        Entry(id: TopKMetric.id, summary: "100 if the output's oracle rank is <= k (Top-K %)") {
            let k = try $0.int("k", default: 3)
            guard k >= 1 else { throw ParameterError.invalid(key: "k", message: "must be at least 1") }
            return TopKMetric(k: k)
        },
        Entry(id: JudgeScoreMetric.id, summary: "the judge's score of the output") { _ in JudgeScoreMetric() },
        Entry(id: BERTScoreMetric.id, summary: "BERTScore vs the reference output, x100 (native encoder)") {
            let layer = try $0.int("layer", default: 6)
            guard layer >= 0 else { throw ParameterError.invalid(key: "layer", message: "must be 0 or more") }
            return BERTScoreMetric(model: try $0.string("model", default: "models/all-MiniLM-L6-v2"), layer: layer,
                                   idf: try $0.bool("idf", default: false),
                                   score: try $0.choice("score", ["f1", "precision", "recall"], default: "f1"))
        },
        Entry(id: BeatsBaselineMetric.id, summary: "100 if the judge rates the output >= the baseline model's (>= Vic %)") {
            guard let baseline = try $0.optionalString("baseline") else {
                throw ParameterError.invalid(key: "baseline", message: "required: the model to compare with, e.g. vicuna-13b")
            }
            return BeatsBaselineMetric(baseline: ModelName(baseline), tiesCount: try $0.choice("ties", BeatsBaselineMetric.tieRules, default: "ties-count-for-both") == "ties-count-for-both")
        },
        Entry(id: BLEUMetric.id, summary: "sentence BLEU vs the reference, 0-100 (sacreBLEU defaults)") { _ in BLEUMetric() },
        Entry(id: ChrFMetric.id, summary: "chrF vs the reference, 0-100 (sacreBLEU defaults)") { _ in ChrFMetric() },
        Entry(id: Rouge1Metric.id, summary: "ROUGE-1 F vs the reference, 0-1 (rouge-score)") { Rouge1Metric(stemming: try $0.bool("stemming", default: false)) },
        Entry(id: Rouge2Metric.id, summary: "ROUGE-2 F vs the reference, 0-1 (rouge-score)") { Rouge2Metric(stemming: try $0.bool("stemming", default: false)) },
        Entry(id: RougeLMetric.id, summary: "ROUGE-L F vs the reference, 0-1 (rouge-score)") { RougeLMetric(stemming: try $0.bool("stemming", default: false)) },
        Entry(id: RougeLsumMetric.id, summary: "ROUGE-Lsum F vs the reference, 0-1 (rouge-score)") { RougeLsumMetric(stemming: try $0.bool("stemming", default: false)) },
    ]

    /// Aggregation rules for pairwise rankers: comparisons -> ranking (digest 2.6 and beyond).
    public static let aggregationRules: [Entry<any AggregationRule>] = [
        Entry(id: MaxLogitsRule.id, summary: "s_i = sum_j M[i][j] - M[j][i] over the full matrix (the paper's default)") { _ in MaxLogitsRule() },
        Entry(id: MaxWinsRule.id, summary: "wins as left plus wins as right over the full matrix (the paper's MaxWins)") { _ in MaxWinsRule() },
        Entry(id: BubbleRule.id, summary: "one seeded bubble pass, 2(N-1) comparisons (the paper's bubble run)") { _ in BubbleRule() },
        Entry(id: CopelandRule.id, summary: "pairwise majority wins after debiasing both orders") { _ in CopelandRule() },
        Entry(id: BordaRule.id, summary: "soft Borda: sum of sigmoid win probabilities over both orders") { _ in BordaRule() },
        Entry(id: BradleyTerryRule.id, summary: "Bradley-Terry log-strengths by MM on sign win counts") {
            let prior = try $0.double("prior", default: 0.5)
            guard prior >= 0 else { throw ParameterError.invalid(key: "prior", message: "must be 0 or more") }
            return BradleyTerryRule(prior: prior)
        },
        Entry(id: EloRule.id, summary: "Elo ratings over all pairs in a seeded order") {
            let k = try $0.double("k", default: 32)
            guard k > 0 else { throw ParameterError.invalid(key: "k", message: "must be positive") }
            return EloRule(k: k)
        },
        Entry(id: FullSortRule.id, summary: "merge sort on debiased comparisons, capped at `budget` comparisons (0 = no cap)") {
            let budget = try $0.int("budget", default: 0)
            guard budget >= 0 else { throw ParameterError.invalid(key: "budget", message: "must be 0 (no cap) or more") }
            return FullSortRule(budget: budget)
        },
        Entry(id: RandomPairsRule.id, summary: "max-logits over a seeded random `fraction` of the pairs, both orders (2 ceil(f N(N-1)/2) comparisons)") {
            let fraction = try $0.double("fraction", default: 0.5)
            guard fraction > 0, fraction <= 1 else { throw ParameterError.invalid(key: "fraction", message: "must be in (0, 1]") }
            return RandomPairsRule(fraction: fraction)
        },
    ]

    /// Makes the component `id` of `entries` with `params`, or explains what is wrong.
    public static func make<Made>(_ entries: [Entry<Made>], kind: String, id: String, params: [String: JSONValue]) throws -> Made {
        guard let entry = entries.first(where: { $0.id == id }) else {
            throw CatalogError.unknownID(kind: kind, id: id, known: entries.map { $0.id })
        }
        var reader = ParameterReader(params)
        let made = try entry.make(&reader)
        try reader.finish()
        return made
    }
}

/// A ranker of any kind the runner knows how to drive.
public enum RankerComponent: Sendable {
    case pointwise(any PointwiseRanker)
    /// A pairwise comparator; the runner aggregates its comparisons with each aggregation rule.
    case pairwise(any PairwiseComparator)

    public var identity: JSONValue {
        switch self {
        case .pointwise(let r): r.identity
        case .pairwise(let r): r.identity
        }
    }

    public var displayName: String {
        switch self {
        case .pointwise(let r): r.displayName
        case .pairwise(let r): r.displayName
        }
    }

    public var id: String {
        switch self {
        case .pointwise(let r): type(of: r).id
        case .pairwise(let r): type(of: r).id
        }
    }

    /// The backends the ranker calls (empty for local rankers).
    public var backendNames: [String] {
        switch self {
        case .pointwise(let r): (r as? any BackendUser)?.backendNames ?? []
        case .pairwise(let r): (r as? any BackendUser)?.backendNames ?? []
        }
    }

    public var tableGroup: MethodInfo.Group {
        switch self {
        case .pointwise(let r): type(of: r).tableGroup
        case .pairwise(let r): type(of: r).tableGroup
        }
    }
}

public enum CatalogError: BlendlabError, Equatable, Sendable {
    public var exitCode: Int32 { 2 }
    public var errorMessage: String { message }

    case unknownID(kind: String, id: String, known: [String])

    public var message: String {
        switch self {
        case .unknownID(let kind, let id, let known):
            "unknown \(kind) '\(id)'; known \(kind)s: \(known.joined(separator: ", "))"
        }
    }
}

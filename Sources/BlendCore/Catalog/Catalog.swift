/// The one place that names every component. Experiment files, the CLI and reports refer to
/// components by these ids; an unknown id is an error that lists the known ones.
public enum Catalog {
    /// A named component maker: the id, a one-line summary, and a factory that reads and
    /// validates the component's parameters.
    public struct Entry<Made>: Sendable {
        public let id: String
        public let summary: String
        let make: @Sendable ([String: JSONValue]) throws -> Made

        /// The entry of `type`, made from its `Parameters` and wrapped as the catalog's kind.
        init<C: Configurable>(_ type: C.Type, _ summary: String, _ wrap: @escaping @Sendable (C) -> Made) {
            id = C.id
            self.summary = summary
            make = { wrap(try C.make($0)) }
        }
    }

    public static let rankers: [Entry<RankerComponent>] = [
        .pointwise(RandomRanker.self, "uniform random scores, seeded (the paper's Random)"),
        .pointwise(OracleRanker.self, "the oracle's own ranking (upper bound)"),
        .pointwise(MetricOracleRanker.self, "upper bound by a metric vs the reference (the paper's Oracle (BERTScore) rows)"),
        .pointwise(LengthRanker.self, "candidate length in characters"),
        .pointwise(ReferenceMetricRanker.self, "a lexical metric vs the reference output (the paper's BLEU/ROUGE rankers)"),
        .pointwise(MBRRanker.self, "consensus: mean lexical similarity to the other candidates (MBR)"),
        .pointwise(SimCLSRanker.self, "cosine of instruction and candidate sentence embeddings, optionally through a learned projection (SimCLS)"),
        .pointwise(EmbeddingMBRRanker.self, "consensus: mean embedding cosine to the other candidates (MBR by embeddings)"),
        .pointwise(SummaRerankerRanker.self, "trained pointwise cross-encoder scorer: instruction + candidate -> score (SummaReranker-style)"),
        .pairwise(PairRanker.self, "the paper's PairRanker: instruction + two candidates cross-encoded, trained pairwise head"),
        .pairwise(PairRMRanker.self, "LLM-Blender's released PairRM (DeBERTa-v3, PairRM-hf weights): both orders of each pair, no training"),
        .pairwise(OraclePairComparator.self, "pairwise: oracle score difference plus position bias and seeded noise (for studying rules)"),
        .pointwise(LLMJudgeRanker.self, "LLM judge, GPT-Rank prompt, pairwise net wins (the paper's GPT-Rank)"),
        .pointwise(LMScoreRanker.self, "mean token log-probability under a causal LM (backend logprobs)"),
        .pointwise(StackRanker.self, "learned pairwise combination of text features, other rankers' scores and a per-model prior (stacking)"),
    ]

    public static let fusers: [Entry<any Fuser>] = [
        Entry(GenFuserPromptFuser.self, "the paper's GenFuser prompt, verbatim, on a completions backend") { $0 },
        Entry(ChatFuser.self, "fusion of the top-K by an instruction-tuned chat model") { $0 },
    ]

    public static let generators: [Entry<LLMGenerator>] = [
        Entry(LLMGenerator.self, "candidates generated live by a backend model") { $0 },
    ]

    public static let metrics: [Entry<any OutputMetric>] = [
        Entry(OracleRankMetric.self, "oracle rank of the output, 1 = best (GPT-Rank analogue)") { $0 },
        Entry(TopKMetric.self, "100 if the output's oracle rank is <= k (Top-K %)") { $0 },
        Entry(JudgeScoreMetric.self, "the judge's score of the output") { $0 },
        Entry(BERTScoreMetric.self, "BERTScore vs the reference output, x100 (native encoder)") { $0 },
        Entry(BeatsBaselineMetric.self, "100 if the judge rates the output >= the baseline model's (>= Vic %)") { $0 },
        Entry(BLEUMetric.self, "sentence BLEU vs the reference, 0-100 (sacreBLEU defaults)") { $0 },
        Entry(ChrFMetric.self, "chrF vs the reference, 0-100 (sacreBLEU defaults)") { $0 },
        Entry(Rouge1Metric.self, "ROUGE-1 F vs the reference, 0-1 (rouge-score)") { $0 },
        Entry(Rouge2Metric.self, "ROUGE-2 F vs the reference, 0-1 (rouge-score)") { $0 },
        Entry(RougeLMetric.self, "ROUGE-L F vs the reference, 0-1 (rouge-score)") { $0 },
        Entry(RougeLsumMetric.self, "ROUGE-Lsum F vs the reference, 0-1 (rouge-score)") { $0 },
    ]

    /// Aggregation rules for pairwise rankers: comparisons -> ranking (digest 2.6 and beyond).
    public static let aggregationRules: [Entry<any AggregationRule>] = [
        Entry(MaxLogitsRule.self, "s_i = sum_j M[i][j] - M[j][i] over the full matrix (the paper's default)") { $0 },
        Entry(MaxWinsRule.self, "wins as left plus wins as right over the full matrix (the paper's MaxWins)") { $0 },
        Entry(BubbleRule.self, "one seeded bubble pass, 2(N-1) comparisons (the paper's bubble run)") { $0 },
        Entry(CopelandRule.self, "pairwise majority wins after debiasing both orders") { $0 },
        Entry(BordaRule.self, "soft Borda: sum of sigmoid win probabilities over both orders") { $0 },
        Entry(BradleyTerryRule.self, "Bradley-Terry log-strengths by MM on sign win counts") { $0 },
        Entry(EloRule.self, "Elo ratings over all pairs in a seeded order") { $0 },
        Entry(FullSortRule.self, "merge sort on debiased comparisons, capped at `budget` comparisons (0 = no cap)") { $0 },
        Entry(RandomPairsRule.self, "max-logits over a seeded random `fraction` of the pairs, both orders (2 ceil(f N(N-1)/2) comparisons)") { $0 },
    ]

    /// Makes the component `id` of `entries` with `params`, or explains what is wrong.
    public static func make<Made>(_ entries: [Entry<Made>], kind: String, id: String, params: [String: JSONValue]) throws -> Made {
        guard let entry = entries.first(where: { $0.id == id }) else {
            throw CatalogError.unknownID(kind: kind, id: id, known: entries.map { $0.id })
        }
        return try entry.make(params)
    }
}

extension Catalog.Entry where Made == RankerComponent {
    static func pointwise<C: Configurable & PointwiseRanker>(_ type: C.Type, _ summary: String) -> Self {
        Self(type, summary) { .pointwise($0) }
    }

    static func pairwise<C: Configurable & PairwiseComparator>(_ type: C.Type, _ summary: String) -> Self {
        Self(type, summary) { .pairwise($0) }
    }
}

/// A ranker of any kind the runner knows how to drive.
public enum RankerComponent: Sendable, BackendUser {
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

/// The lexical metrics by name, for scoring (hypothesis, reference) pairs outside an experiment
/// (`blendlab score`) and inside one (the `bleu`, `chrf`, `rouge-*` metrics). Scales follow the
/// reference implementations: BLEU and chrF on 0-100, ROUGE F-measure on 0-1.
public struct LexicalScorer: Sendable {
    public enum Metric: String, ParameterChoice {
        case bleu, chrf
        case rouge1 = "rouge-1", rouge2 = "rouge-2", rougeL = "rouge-l", rougeLsum = "rouge-lsum"

        /// Whether a corpus-level score exists (sums of sufficient statistics over segments).
        public var hasCorpusScore: Bool { self == .bleu || self == .chrf }
    }

    /// The parameters of the rankers that score by one lexical metric (`reference-metric`, `mbr`).
    public struct Parameters: ComponentParameters {
        public var metric = Metric.bleu
        public var stemming = false
        public init() {}
    }

    public var metrics: [Metric]
    /// Porter stemming for the ROUGE tokens (rouge-score's `use_stemmer`).
    public var stemming: Bool

    public init(metrics: [Metric], stemming: Bool = false) {
        self.metrics = metrics
        self.stemming = stemming
    }

    /// Parses a comma-separated list of metric names, or explains which names exist.
    public static func metrics(named list: String) throws -> [Metric] {
        try list.split(separator: ",").map { name in
            let trimmed = name.trimmingSpaces
            guard let m = Metric(rawValue: trimmed) else {
                throw CatalogError.unknownID(kind: "lexical metric", id: trimmed, known: Metric.allCases.map { $0.rawValue })
            }
            return m
        }
    }

    /// One value per metric in `metrics`, in order.
    public func score(hypothesis: String, reference: String) -> [Double] {
        score(hypotheses: [hypothesis], reference: reference)[0]
    }

    /// One row of values (one per metric in `metrics`, in order) per hypothesis, all against
    /// one reference, which is tokenized and its n-grams counted once (every model's output is
    /// scored against the same reference; sacreBLEU caches only the tokenization).
    public func score(hypotheses: [String], reference: String) -> [[Double]] {
        let bleu = metrics.contains(.bleu) ? BLEUStatistics.Reference(Tokenizer13a.tokenize(reference)) : nil
        let chrf = metrics.contains(.chrf) ? ChrFStatistics.Reference(reference) : nil
        return hypotheses.map { hypothesis in
            var rouge: RougePair?
            return metrics.map { metric in
                switch metric {
                case .bleu:
                    return BLEUStatistics(hypothesis: hypothesis, reference: bleu!).score(effectiveOrder: true)
                case .chrf: return ChrFStatistics(hypothesis: hypothesis, reference: chrf!).score
                case .rouge1, .rouge2, .rougeL, .rougeLsum:
                    let pair = rouge ?? RougePair(hypothesis: hypothesis, reference: reference, stemming: stemming)
                    rouge = pair
                    switch metric {
                    case .rouge1: return pair.rougeN(1).fmeasure
                    case .rouge2: return pair.rougeN(2).fmeasure
                    case .rougeL: return pair.rougeL().fmeasure
                    default: return pair.rougeLsum().fmeasure
                    }
                }
            }
        }
    }
}

/// Corpus-level BLEU (sacreBLEU `corpus_bleu` defaults: no effective order) and chrF
/// (`corpus_chrf`), accumulated pair by pair.
public struct LexicalCorpus: Sendable {
    public private(set) var bleu = BLEUStatistics()
    public private(set) var chrf = ChrFStatistics()
    public private(set) var segments = 0

    public init() {}

    public mutating func add(hypothesis: String, reference: String, metrics: [LexicalScorer.Metric]) {
        if metrics.contains(.bleu) { bleu += BLEUStatistics(hypothesis: hypothesis, reference: reference) }
        if metrics.contains(.chrf) { chrf += ChrFStatistics(hypothesis: hypothesis, reference: reference) }
        segments += 1
    }

    public var bleuScore: Double { bleu.score(effectiveOrder: false) }
    public var chrfScore: Double { chrf.score }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

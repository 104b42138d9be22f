/// How well a ranker's ordering of the candidates agrees with the oracle's, the paper's ranker
/// correlation table (digest section 6, `gpt_eval/cor_eval.py`) plus per-example variants.
///
/// Both sides are competition ranks (1 = best, ties share the best rank): the ranker's from its
/// scores, the oracle's as `Example.oracleRanks`. Correlations are on -1...1 (the paper prints
/// x100); Spearman uses average ranks of ties and Kendall is tau-b, as scipy.
/// - `perModel` (the paper's way): for each model, the correlation across examples between the
///   ranker's rank and the oracle's rank of that model's answer, then the mean over models.
/// - `perExample`: for each example, the correlation across its candidates, then the mean
///   over examples.
/// Undefined correlations (a constant side, fewer than 2 values) are left out of the means;
/// `count` says how many models or examples each mean is over.
/// - `footrule`: the mean over examples of sum_j |rank_ranker(j) - rank_oracle(j)| (lower is
///   better; the paper's Random gives 48.27 with 11 candidates).
/// - `topKRecall`: per example, the candidates among the ranker's first K (its order, ties by
///   candidate index) whose oracle rank is <= K, divided by min(K, #candidates with oracle
///   rank <= K); averaged over examples. The oracle ranker gets 1.
/// Deterministic.
public struct RankerDiagnostics: Sendable, Codable, Equatable {
    public struct Correlations: Sendable, Codable, Equatable {
        public var pearson: Double?
        public var spearman: Double?
        public var kendallTauB: Double?
        /// Models (per model) or examples (per example) whose correlations were defined.
        public var count: Int
    }

    public struct Recall: Sendable, Codable, Equatable {
        public var k: Int
        public var value: Double
    }

    public var examples: Int
    public var perModel: Correlations
    public var perExample: Correlations
    public var footrule: Double
    public var topKRecall: [Recall]

    public static let recallKs = [1, 3, 5]

    /// One example as the diagnostics see it: candidate models, the ranker's scores (higher is
    /// better) and the oracle ranks, all in candidate order.
    public struct Observation: Sendable {
        public var models: [ModelName]
        public var scores: [Double]
        public var oracleRanks: [Int]

        public init(models: [ModelName], scores: [Double], oracleRanks: [Int]) {
            self.models = models
            self.scores = scores
            self.oracleRanks = oracleRanks
        }
    }

    /// Nil when there are no observations.
    public init?(_ observations: [Observation]) {
        guard !observations.isEmpty else { return nil }
        examples = observations.count
        let rankerRanks = observations.map { Ranking.competitionRanks(scores: $0.scores) }

        var columns: [ModelName: (ranker: [Double], oracle: [Double])] = [:]
        var p: [Double] = [], s: [Double] = [], k: [Double] = []
        var footrules = 0.0
        for (o, ranks) in zip(observations, rankerRanks) {
            let a = ranks.map(Double.init), b = o.oracleRanks.map(Double.init)
            for (j, model) in o.models.enumerated() {
                columns[model, default: ([], [])].ranker.append(a[j])
                columns[model, default: ([], [])].oracle.append(b[j])
            }
            if let v = Correlation.pearson(a, b) { p.append(v) }
            if let v = Correlation.spearman(a, b) { s.append(v) }
            if let v = Correlation.kendallTauB(a, b) { k.append(v) }
            footrules += Double(Correlation.footrule(ranks, o.oracleRanks))
        }
        perExample = Correlations(pearson: Self.mean(p), spearman: Self.mean(s), kendallTauB: Self.mean(k), count: p.count)

        var mp: [Double] = [], ms: [Double] = [], mk: [Double] = []
        for model in columns.keys.sorted() {
            guard let c = columns[model] else { continue }
            if let v = Correlation.pearson(c.ranker, c.oracle) { mp.append(v) }
            if let v = Correlation.spearman(c.ranker, c.oracle) { ms.append(v) }
            if let v = Correlation.kendallTauB(c.ranker, c.oracle) { mk.append(v) }
        }
        perModel = Correlations(pearson: Self.mean(mp), spearman: Self.mean(ms), kendallTauB: Self.mean(mk), count: mp.count)
        footrule = footrules / Double(observations.count)
        topKRecall = Self.recallKs.map { kk in
            let total = observations.reduce(0.0) { $0 + Self.recall(scores: $1.scores, oracleRanks: $1.oracleRanks, k: kk) }
            return Recall(k: kk, value: total / Double(observations.count))
        }
    }

    /// One example's top-K recall (see the type's comment).
    public static func recall(scores: [Double], oracleRanks: [Int], k: Int) -> Double {
        let oracleTop = oracleRanks.filter { $0 <= k }.count
        guard oracleTop > 0 else { return 0 }
        let hits = Ranking.order(scores: scores).prefix(k).filter { oracleRanks[$0] <= k }.count
        return Double(hits) / Double(min(k, oracleTop))
    }

    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}

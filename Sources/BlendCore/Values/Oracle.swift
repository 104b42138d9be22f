/// What a judge said about an example's candidates.
///
/// - `scores`: one score per candidate, higher is better (AlpacaEval: the judge's probability
///   that the candidate beats the reference, `preference - 1`).
/// - `pairwise`: verdicts on pairs of models (MixInstruct's `cmp_results`).
///
/// Both become ranks with the paper's tie rule: equal share the best (smallest) rank.
public enum Oracle: Sendable, Hashable, Codable {
    case scores([ModelName: Double])
    case pairwise([PairVerdict])

    /// Oracle ranks for `models`, 1 = best.
    ///
    /// For pairwise verdicts this is the paper's GPT-Rank (digest section 6): a matrix with
    /// "A is better" -> M[a][b] += 1, M[b][a] -= 1; "Same good" -> both += 0.5; "Same bad" ->
    /// both -= 0.5; then s_i = sum_j (M[i][j] - M[j][i]), ranked descending with shared ties.
    /// A model without a score counts as the worst.
    public func ranks(models: [ModelName]) -> [Int] {
        Ranking.competitionRanks(scores: oracleScores(models: models))
    }

    /// The per-candidate scores behind `ranks`, higher is better.
    public func oracleScores(models: [ModelName]) -> [Double] {
        switch self {
        case .scores(let byModel):
            return models.map { byModel[$0] ?? -.infinity }
        case .pairwise(let verdicts):
            let index = Dictionary(models.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            var m = [[Double]](repeating: [Double](repeating: 0, count: models.count), count: models.count)
            for v in verdicts {
                guard let a = index[v.a], let b = index[v.b], a != b else { continue }
                switch v.outcome {
                case .aBetter: m[a][b] += 1; m[b][a] -= 1
                case .bBetter: m[b][a] += 1; m[a][b] -= 1
                case .sameGood: m[a][b] += 0.5; m[b][a] += 0.5
                case .sameBad: m[a][b] -= 0.5; m[b][a] -= 0.5
                }
            }
            return (0..<models.count).map { i in (0..<models.count).reduce(0.0) { $0 + m[i][$1] - m[$1][i] } }
        }
    }

    /// The judge's own score for `model`, where the oracle has scores.
    public func score(of model: ModelName) -> Double? {
        if case .scores(let byModel) = self { return byModel[model] }
        return nil
    }

    /// The judge's verdict on two models, as +1 (a better), 0 (tie), -1 (b better), or nil
    /// when the oracle has nothing to say about the pair.
    public func compare(_ a: ModelName, _ b: ModelName) -> Int? {
        switch self {
        case .scores(let byModel):
            guard let sa = byModel[a], let sb = byModel[b] else { return nil }
            return sa > sb ? 1 : (sa < sb ? -1 : 0)
        case .pairwise(let verdicts):
            for v in verdicts {
                if v.a == a && v.b == b { return v.outcome.sign }
                if v.a == b && v.b == a { return -v.outcome.sign }
            }
            return nil
        }
    }
}

/// One pairwise verdict: models a and b in the order the judge saw them.
public struct PairVerdict: Sendable, Hashable, Codable {
    public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
        case aBetter = "A is better"
        case bBetter = "B is better"
        case sameGood = "Same good"
        case sameBad = "Same bad"

        /// +1 when a is better, -1 when b is, 0 for either tie.
        public var sign: Int {
            switch self {
            case .aBetter: 1
            case .bBetter: -1
            case .sameGood, .sameBad: 0
            }
        }
    }

    public var a: ModelName
    public var b: ModelName
    public var outcome: Outcome

    public init(a: ModelName, b: ModelName, outcome: Outcome) {
        self.a = a
        self.b = b
        self.outcome = outcome
    }
}

import BlendCore

/// The grades of FastChat's `model_judgment/*.jsonl`, read from every file whatever it is called
/// and matched to answers by each row's `model` (or `model_1`, `model_2`) and `question_id`:
///
/// - single-answer grading `{question_id, model, judge, judgment, score, turn}`: `score` is the
///   judge's 1-10 grade; FastChat writes -1 when it could not parse the judgment, so -1 and null
///   mean "no grade";
/// - pairwise `{question_id, model_1, model_2, g1_winner, g2_winner, judge, turn}`: two games,
///   the second with the answers swapped, each winner already named as `model_1`, `model_2`,
///   `tie` or `error` (FastChat maps the swapped game back). The verdict is the sum of the
///   games' votes (model_1 +1, model_2 -1, tie 0, error no vote): positive "A is better",
///   negative "B is better", zero a tie ("Same good", which moves neither's GPT-Rank score);
///   a row whose games are both errors is no verdict.
///
/// Rows of another turn than the evaluated one, and rows of another judge than `judge` (when
/// set; matched against the first element of the row's `judge`), are not read.
struct FastChatJudgments {
    /// A single grade: the score, or nil for "no grade" (-1 or null), with where it was.
    struct Grade { var score: Double?; var reason: String?; var file: String; var row: Int }

    var grades: [String: [ModelName: [Grade]]] = [:]
    var verdicts: [String: [PairVerdict]] = [:]
    /// Judgment rows of the evaluated turn and judge, and how many of them are pairwise.
    var rows = 0
    var pairRows = 0
    /// Unusable pairwise rows (file, row, reason, key): reported only when the pairwise verdicts
    /// are the oracle, i.e. when there are no single grades.
    var pairProblems: [(String, Int, String, String)] = []

    var hasSingleGrades: Bool { !grades.isEmpty }

    /// Whether a pairwise verdict on `question` names `model`.
    func compared(_ model: ModelName, on question: String) -> Bool {
        verdicts[question]?.contains { $0.a == model || $0.b == model } ?? false
    }

    static func read(files: [String], turn: Int, judge: String?, questions: Set<String>, log: inout LoadLog) throws -> FastChatJudgments {
        var result = FastChatJudgments()
        var seenPairs = Set<[String]>()
        for file in files {
            for (i, row) in try JSONFile.rows(at: file, allowLines: true).enumerated() {
                let number = i + 1
                guard let question = FastChatLoader.key(row["question_id"]) else {
                    try log.row(file: file, row: number, "judgment without a 'question_id'", key: "malformed judgment")
                    continue
                }
                if (row["turn"]?.numberValue).map({ Int($0) }) ?? 1 != turn { continue }
                if let judge, Self.judgeName(row["judge"]) != judge { continue }
                guard questions.contains(question) else {
                    try log.ignored(file: file, row: number, "judgment for unknown question \(question)", key: "judgment for an unknown question")
                    continue
                }
                result.rows += 1
                if let model = row["model"]?.stringValue {
                    var grade = Grade(score: nil, reason: nil, file: file, row: number)
                    switch row["score"] {
                    case nil, .null?: grade.reason = "no grade (score null)"
                    case let value?:
                        if let s = value.numberValue, s.isFinite {
                            if s == -1 { grade.reason = "no grade (score -1)" } else { grade.score = s }
                        } else {
                            grade.reason = "invalid grade (score is not a number)"
                        }
                    }
                    result.grades[question, default: [:]][ModelName(model), default: []].append(grade)
                } else if let a = row["model_1"]?.stringValue, let b = row["model_2"]?.stringValue {
                    result.pairRows += 1
                    let votes = [row["g1_winner"], row["g2_winner"]].compactMap { w -> Int? in
                        switch w?.stringValue {
                        case "model_1"?: 1
                        case "model_2"?: -1
                        case let s? where s.hasPrefix("tie"): 0
                        default: nil
                        }
                    }
                    guard !votes.isEmpty else {
                        result.pairProblems.append((file, number, "pairwise judgment of \(a) and \(b) on question \(question) has no verdict (g1_winner, g2_winner)",
                                                    "pairwise judgment without a verdict"))
                        continue
                    }
                    guard seenPairs.insert([question, min(a, b), max(a, b)]).inserted else {
                        result.pairProblems.append((file, number, "duplicate pairwise judgment of \(a) and \(b) on question \(question)",
                                                    "duplicate pairwise judgment"))
                        continue
                    }
                    let sum = votes.reduce(0, +)
                    let outcome: PairVerdict.Outcome = sum > 0 ? .aBetter : sum < 0 ? .bBetter : .sameGood
                    result.verdicts[question, default: []].append(PairVerdict(a: ModelName(a), b: ModelName(b), outcome: outcome))
                } else {
                    try log.row(file: file, row: number, "judgment row has neither 'model' and 'score' nor 'model_1' and 'model_2'",
                                key: "malformed judgment")
                }
            }
        }
        return result
    }

    /// FastChat's `judge` is `[model, prompt name]`; a plain string is taken as the model.
    static func judgeName(_ value: JSONValue?) -> String? {
        switch value {
        case .array(let parts)?: parts.first?.stringValue
        case .string(let s)?: s
        default: nil
        }
    }
}

import BlendCore
import Foundation

/// Reads FastChat's `llm_judge` layout (MT-Bench; Arena-Hard v0.1 writes the same files):
///
///     question.jsonl              {question_id, category, turns: [..]}
///     model_answer/*.jsonl        {question_id, answer_id, model_id, choices: [{index, turns: [..]}]}
///     model_judgment/*.jsonl      single grades or pairwise games (see `FastChatJudgments`)
///     reference_answer/*.jsonl    answers in the model_answer format, used as references
///
/// A turn is a string or `{content: string}` (Arena-Hard). One example per question, with the
/// question id as its id; `turn` (1-based) picks which turn is evaluated: the instruction is that
/// turn's text, the input the earlier user turns. The candidate model is each answer row's
/// `model_id` (not the file name), its text the first choice's turn. References are keyed by
/// their `model_id`. The oracle is the single grades when the judgment files have any for the
/// turn, else the pairwise verdicts; without judgment files it is empty.
///
/// Irregularities, each counted by reason and recorded with file and row: a missing answer
/// (`on_missing`), an answer or grade that is unusable (no grade, a -1 or null score, duplicate
/// rows, an answer lacking the turn: `on_invalid`), answers and grades for unknown questions
/// (ignored), empty answers (kept unless `on_empty: error`).
public struct FastChatLoader: Sendable {
    public var root: String
    public var models: [ModelName]?
    /// The reference answers' `model_id` that reference-based metrics read; every reference
    /// model is loaded.
    public var reference: String?
    /// Only judgments of this judge model (the first element of a row's `judge`); nil = all.
    public var judge: String?
    /// The evaluated turn, 1-based.
    public var turn: Int
    public var onMissing: MissingPolicy
    public var onInvalid: InvalidPolicy
    public var onEmpty: EmptyPolicy

    public init(root: String, models: [ModelName]?, reference: String?, judge: String?, turn: Int = 1,
                onMissing: MissingPolicy, onInvalid: InvalidPolicy, onEmpty: EmptyPolicy = .keep) {
        self.root = root
        self.models = models
        self.reference = reference
        self.judge = judge
        self.turn = turn
        self.onMissing = onMissing
        self.onInvalid = onInvalid
        self.onEmpty = onEmpty
    }

    struct Question { var id: String; var instruction: String; var input: String }
    struct Answer { var text: String; var file: String; var row: Int }

    public func load() throws -> LoadedData {
        let questionsFile = (root as NSString).appendingPathComponent("question.jsonl")
        guard FileManager.default.fileExists(atPath: questionsFile) else {
            throw DataError.missingFile(path: questionsFile, hint: "dataset.path must be the folder holding question.jsonl, model_answer/ and model_judgment/.")
        }
        var log = LoadLog(onInvalid: onInvalid, onEmpty: onEmpty)
        var skipQuestions = Set<String>()
        var known = Set<String>()   // every question id in question.jsonl, usable or not
        let questions = try readQuestions(questionsFile, log: &log, ids: &known)
        let usable = Set(questions.map(\.id))

        var answers: [String: [ModelName: Answer]] = [:]
        var discovered: [ModelName] = []
        for file in files(in: "model_answer") {
            for (question, model, answer) in try readAnswers(file, known: known, usable: usable, what: "answer", log: &log, skip: &skipQuestions) {
                if !discovered.contains(model) { discovered.append(model) }
                let reason = "duplicate answer of \(model) to question \(question)"
                if log.dropped[ExampleID(question)]?.contains(model) == true || skipQuestions.contains(question) {
                    log.irregularities.append(Irregularity(file: file, row: answer.row, reason: reason, action: .droppedCandidate))
                    continue
                }
                if answers[question]?[model] != nil {
                    answers[question]?[model] = nil
                    try unusable(file: file, row: answer.row, question: question, model: model, reason, key: "duplicate answer",
                                 log: &log, skip: &skipQuestions)
                    continue
                }
                answers[question, default: [:]][model] = answer
            }
        }
        var references: [String: [String: String]] = [:]
        for file in files(in: "reference_answer") {
            for (question, model, answer) in try readAnswers(file, known: known, usable: usable, what: "reference answer", log: &log, skip: &skipQuestions) {
                guard references[question]?[model.rawValue] == nil else {
                    try log.row(file: file, row: answer.row, "duplicate reference answer of \(model) to question \(question)", key: "duplicate reference answer")
                    continue
                }
                references[question, default: [:]][model.rawValue] = answer.text
            }
        }
        let judgmentFiles = files(in: "model_judgment")
        let judgments = try FastChatJudgments.read(files: judgmentFiles, turn: turn, judge: judge, questions: known, log: &log)
        if judgments.rows == 0 {
            log.irregularities.append(Irregularity(file: (root as NSString).appendingPathComponent("model_judgment"), row: nil,
                                                   reason: "no judgments for turn \(turn)\(judge.map { " by \($0)" } ?? ""): the oracle is empty",
                                                   action: .kept))
        }

        if !judgments.hasSingleGrades {
            for (file, row, reason, key) in judgments.pairProblems { try log.row(file: file, row: row, reason, key: key) }
        } else if judgments.pairRows > 0 {
            log.irregularities.append(Irregularity(file: (root as NSString).appendingPathComponent("model_judgment"), row: nil,
                                                   reason: "\(judgments.pairRows) pairwise judgment(s) not used: the single grades are the oracle",
                                                   action: .kept))
        }
        let models = self.models ?? discovered
        var examples: [Example] = []
        for question in questions {
            let id = ExampleID(question.id)
            var candidates: [Candidate] = []
            var graded: [ModelName: Double] = [:]
            for model in models where log.dropped[id]?.contains(model) != true {
                guard let answer = answers[question.id]?[model] else { continue }
                if judgments.hasSingleGrades {
                    let grades = judgments.grades[question.id]?[model] ?? []
                    let problem: (String, String, Int?)? = switch grades.count {
                    case 0: ("no grade for \(model) on question \(question.id)", "missing grade", nil)
                    case 1: grades[0].score == nil ? ("\(grades[0].reason ?? "no grade") for \(model) on question \(question.id)", "missing grade", grades[0].row) : nil
                    default: ("\(grades.count) grades for \(model) on question \(question.id)", "duplicate grade", grades[1].row)
                    }
                    if let problem {
                        let file = grades.first?.file ?? answer.file
                        try unusable(file: file, row: problem.2 ?? (grades.isEmpty ? answer.row : nil), question: question.id, model: model,
                                     problem.0, key: problem.1, log: &log, skip: &skipQuestions)
                        continue
                    }
                    graded[model] = grades[0].score
                } else if judgments.rows > 0, !judgments.compared(model, on: question.id) {
                    try unusable(file: answer.file, row: answer.row, question: question.id, model: model,
                                 "no pairwise judgment of \(model) on question \(question.id)", key: "missing grade", log: &log, skip: &skipQuestions)
                    continue
                }
                if answer.text.isBlank { try log.empty(file: answer.file, row: answer.row, model: model, example: id) }
                candidates.append(Candidate(model: model, text: answer.text))
            }
            // An example whose every candidate was dropped goes on, so that it is counted as dropped.
            guard !candidates.isEmpty || log.dropped[id] != nil, !skipQuestions.contains(question.id) else { continue }
            let oracle: Oracle = judgments.hasSingleGrades ? .scores(graded) : .pairwise(judgments.verdicts[question.id] ?? [])
            examples.append(Example(id: id, instruction: question.instruction, input: question.input,
                                    references: references[question.id] ?? [:], candidates: candidates, oracle: oracle))
        }
        if let reference, !examples.isEmpty, !examples.contains(where: { $0.references[reference] != nil }) {
            log.irregularities.append(Irregularity(file: (root as NSString).appendingPathComponent("reference_answer"), row: nil,
                                                   reason: "no reference answer by \(reference): reference-based metrics give nothing",
                                                   action: .kept))
        }
        let loaded = log.apply(to: LoadedData(examples: examples, candidates: models, skipped: [:]))
        return try loaded.restricted(to: models, policy: onMissing, file: root)
    }

    /// An unusable candidate: dropped under skip-candidate; under skip its whole question is
    /// skipped (counted once per reason); an error under error.
    private func unusable(file: String, row: Int?, question: String, model: ModelName, _ reason: String, key: String,
                          log: inout LoadLog, skip: inout Set<String>) throws {
        guard try !log.candidate(file: file, row: row, example: ExampleID(question), model: model, reason, key: key) else { return }
        if skip.insert(question).inserted { try log.row(file: file, row: row, reason, key: key) }
    }

    /// The `.jsonl` files of a sub-folder, sorted by name; none when the folder is absent.
    private func files(in folder: String) -> [String] {
        let dir = (root as NSString).appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { $0.hasSuffix(".jsonl") }.sorted().map { (dir as NSString).appendingPathComponent($0) }
    }

    private func readQuestions(_ file: String, log: inout LoadLog, ids: inout Set<String>) throws -> [Question] {
        var result: [Question] = []
        var seen = Set<String>()
        for (i, row) in try JSONFile.rows(at: file, allowLines: true).enumerated() {
            guard let id = Self.key(row["question_id"]) else {
                try log.row(file: file, row: i + 1, "question without a 'question_id'", key: "malformed question")
                continue
            }
            ids.insert(id)
            guard case .array(let raw)? = row["turns"], let turns = Optional(raw.compactMap(Self.turnText)), turns.count == raw.count, !turns.isEmpty else {
                try log.row(file: file, row: i + 1, "question \(id): 'turns' must be a list of strings", key: "malformed question")
                continue
            }
            guard turns.count >= turn else {
                try log.row(file: file, row: i + 1, "question \(id) has \(turns.count) turn(s), none numbered \(turn)", key: "question without the evaluated turn")
                continue
            }
            guard seen.insert(id).inserted else {
                try log.row(file: file, row: i + 1, "duplicate question \(id)", key: "duplicate question")
                continue
            }
            let earlier = turns.prefix(turn - 1)
            let input = earlier.isEmpty ? "" : "Earlier user turns:\n" + earlier.enumerated().map { "\($0 + 1). \($1)" }.joined(separator: "\n")
            result.append(Question(id: id, instruction: turns[turn - 1], input: input))
        }
        return result
    }

    /// (question, model, answer) per usable row of an answer file.
    /// `known`: every question id; answers to a known question that is not `usable` (it was
    /// skipped, or lacks the evaluated turn) are not read.
    private func readAnswers(_ file: String, known: Set<String>, usable: Set<String>, what: String, log: inout LoadLog,
                             skip: inout Set<String>) throws -> [(String, ModelName, Answer)] {
        var result: [(String, ModelName, Answer)] = []
        for (i, row) in try JSONFile.rows(at: file, allowLines: true).enumerated() {
            let number = i + 1
            guard let question = Self.key(row["question_id"]), let model = row["model_id"]?.stringValue, !model.isEmpty else {
                try log.row(file: file, row: number, "\(what) without 'question_id' or 'model_id'", key: "malformed \(what)")
                continue
            }
            guard known.contains(question) else {
                try log.ignored(file: file, row: number, "\(what) of \(model) for unknown question \(question)", key: "\(what) for an unknown question")
                continue
            }
            guard usable.contains(question) else { continue }
            let choices: [JSONValue] = if case .array(let c)? = row["choices"] { c } else { [] }
            let choice = choices.first { $0["index"]?.numberValue == 0 } ?? choices.first
            guard case .array(let turns)? = choice?["turns"] else {
                let reason = "\(what) of \(model) to question \(question) has no 'choices[0].turns'"
                if what == "answer" {
                    try unusable(file: file, row: number, question: question, model: ModelName(model), reason, key: "malformed answer", log: &log, skip: &skip)
                } else {
                    try log.row(file: file, row: number, reason, key: "malformed \(what)")
                }
                continue
            }
            guard turns.count >= turn, let text = Self.turnText(turns[turn - 1]) else {
                let reason = "\(what) of \(model) to question \(question) has no turn \(turn) text"
                if what == "answer" {
                    try unusable(file: file, row: number, question: question, model: ModelName(model), reason,
                                 key: "answer without the evaluated turn", log: &log, skip: &skip)
                } else {
                    try log.row(file: file, row: number, reason, key: "\(what) without the evaluated turn")
                }
                continue
            }
            result.append((question, ModelName(model), Answer(text: text, file: file, row: number)))
        }
        return result
    }

    /// A question id as text: FastChat writes integers (MT-Bench) or hex strings (Arena-Hard).
    static func key(_ value: JSONValue?) -> String? {
        switch value {
        case .int(let i)?: String(i)
        case .double(let d)? where d == d.rounded() && abs(d) < 1e15: String(Int(d))
        case .string(let s)? where !s.isEmpty: s
        default: nil
        }
    }

    /// A turn's text: a string, or `{content: string}`.
    static func turnText(_ value: JSONValue) -> String? {
        value.stringValue ?? value["content"]?.stringValue
    }
}

import BlendCore
import Foundation

/// Reads blendlab's own JSON-lines format, one example per line (see README, "Data formats"):
///
///     {"id": "q1", "instruction": "Name a prime.", "input": "",
///      "references": {"gold": "2"},
///      "candidates": [{"model": "a", "text": "2", "score": 0.9}, {"model": "b", "text": "4", "score": 0.1}],
///      "comparisons": [{"a": "a", "b": "b", "outcome": "A is better"}]}
///
/// `input`, `references` and `comparisons` are optional. The oracle is the candidates' `score`
/// (higher is better) when every candidate has one, else `comparisons`.
public struct JSONLinesLoader: Sendable {
    public var file: String
    public var models: [ModelName]?
    public var onMissing: MissingPolicy
    public var onInvalid: InvalidPolicy
    public var onEmpty: EmptyPolicy

    public init(file: String, models: [ModelName]?, onMissing: MissingPolicy, onInvalid: InvalidPolicy, onEmpty: EmptyPolicy = .keep) {
        self.file = file
        self.models = models
        self.onMissing = onMissing
        self.onInvalid = onInvalid
        self.onEmpty = onEmpty
    }

    public func load() throws -> LoadedData {
        var examples: [Example] = []
        var log = LoadLog(onInvalid: onInvalid, onEmpty: onEmpty)
        var ids = Set<String>()
        var allModels: [ModelName] = []
        for (i, row) in try JSONFile.rows(at: file, allowLines: true).enumerated() {
            do {
                var rowLog = log
                let example = try parse(row, row: i + 1, log: &rowLog)
                guard ids.insert(example.id.rawValue).inserted else { throw RowProblem("duplicate id '\(example.id)'") }
                log = rowLog
                for c in example.candidates where !allModels.contains(c.model) { allModels.append(c.model) }
                examples.append(example)
            } catch let problem as RowProblem {
                try log.brokenRow(file: file, row: i + 1, problem.text, key: problem.text.hasPrefix("duplicate id") ? "duplicate id" : problem.text)
            }
        }
        let loaded = log.apply(to: LoadedData(examples: examples, candidates: allModels, skipped: [:]))
        return try loaded.restricted(to: models ?? allModels, policy: onMissing, file: file)
    }

    private func parse(_ row: JSONValue, row number: Int, log: inout LoadLog) throws -> Example {
        guard let id = row["id"]?.stringValue, !id.isEmpty else { throw RowProblem("missing string 'id'") }
        guard let instruction = row["instruction"]?.stringValue, !instruction.isEmpty else { throw RowProblem("missing 'instruction'") }
        guard case .array(let raw)? = row["candidates"], !raw.isEmpty else { throw RowProblem("empty or missing 'candidates'") }
        let exampleID = ExampleID(id)
        /// Drops the candidate under skip-candidate; skips the row under skip.
        func unusable(_ model: String?, _ reason: String, key: String) throws {
            guard try log.candidate(file: file, row: number, example: exampleID, model: model.map { ModelName($0) },
                                    "example \(id): " + reason, key: key) else { throw RowProblem(reason) }
        }
        var candidates: [Candidate] = []
        var scores: [ModelName: Double] = [:]
        let names = raw.compactMap { $0["model"]?.stringValue }
        let duplicated = Set(names.filter { name in names.filter { $0 == name }.count > 1 })
        for c in raw {
            guard let model = c["model"]?.stringValue, let text = c["text"]?.stringValue else {
                try unusable(c["model"]?.stringValue, "a candidate lacks 'model' or 'text'", key: "no text")
                continue
            }
            guard !duplicated.contains(model) else {
                try unusable(model, "model \(model) appears twice", key: "duplicate model")
                continue
            }
            if let s = c["score"] {
                guard let v = s.numberValue, v.isFinite else {
                    try unusable(model, "score of \(model) is not a finite number", key: "invalid grade")
                    continue
                }
                scores[ModelName(model)] = v
            }
            if text.isBlank { try log.empty(file: file, row: number, model: ModelName(model), example: exampleID) }
            candidates.append(Candidate(model: ModelName(model), text: text))
        }
        var references: [String: String] = [:]
        if case .object(let refs)? = row["references"] {
            for (name, value) in refs {
                guard let text = value.stringValue else { throw RowProblem("reference '\(name)' is not a string") }
                references[name] = text
            }
        }
        let oracle: Oracle
        if !candidates.isEmpty, scores.count == candidates.count {
            oracle = .scores(scores)
        } else if case .array(let raw)? = row["comparisons"] {
            oracle = .pairwise(try raw.map { c in
                guard let a = c["a"]?.stringValue, let b = c["b"]?.stringValue,
                      let o = c["outcome"]?.stringValue, let outcome = PairVerdict.Outcome(rawValue: o) else {
                    throw RowProblem("a comparison needs 'a', 'b' and 'outcome' (A is better, B is better, Same good, Same bad)")
                }
                return PairVerdict(a: ModelName(a), b: ModelName(b), outcome: outcome)
            })
        } else if !scores.isEmpty, onInvalid == .skipCandidate {
            // Some candidates are graded and there are no comparisons: the ungraded ones are unusable.
            for c in candidates where scores[c.model] == nil {
                try unusable(c.model.rawValue, "\(c.model) has no 'score'", key: "missing grade")
            }
            candidates.removeAll { scores[$0.model] == nil }
            oracle = .scores(scores)
        } else {
            throw RowProblem("no oracle: give every candidate a 'score', or give 'comparisons'")
        }
        guard !candidates.isEmpty else { throw RowProblem("no usable candidate") }
        return Example(id: exampleID, instruction: instruction, input: row["input"]?.stringValue ?? "",
                       references: references, candidates: candidates, oracle: oracle)
    }
}

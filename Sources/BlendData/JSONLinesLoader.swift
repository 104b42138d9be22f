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

    public init(file: String, models: [ModelName]?, onMissing: MissingPolicy, onInvalid: InvalidPolicy) {
        self.file = file
        self.models = models
        self.onMissing = onMissing
        self.onInvalid = onInvalid
    }

    public func load() throws -> LoadedData {
        var examples: [Example] = []
        var skipped: [String: Int] = [:]
        var ids = Set<String>()
        var allModels: [ModelName] = []
        for (i, row) in try JSONFile.rows(at: file, allowLines: true).enumerated() {
            do {
                let example = try parse(row)
                guard ids.insert(example.id.rawValue).inserted else { throw RowProblem("duplicate id '\(example.id)'") }
                for c in example.candidates where !allModels.contains(c.model) { allModels.append(c.model) }
                examples.append(example)
            } catch let problem as RowProblem {
                if onInvalid == .error { throw DataError.invalidRow(file: file, row: i + 1, reason: problem.text) }
                skipped[problem.text.hasPrefix("duplicate id") ? "duplicate id" : problem.text, default: 0] += 1
            }
        }
        let loaded = LoadedData(examples: examples, candidates: allModels, skipped: skipped)
        return try loaded.restricted(to: models ?? allModels, policy: onMissing, file: file)
    }

    private func parse(_ row: JSONValue) throws -> Example {
        guard let id = row["id"]?.stringValue, !id.isEmpty else { throw RowProblem("missing string 'id'") }
        guard let instruction = row["instruction"]?.stringValue, !instruction.isEmpty else { throw RowProblem("missing 'instruction'") }
        guard case .array(let raw)? = row["candidates"], !raw.isEmpty else { throw RowProblem("empty or missing 'candidates'") }
        var candidates: [Candidate] = []
        var scores: [ModelName: Double] = [:]
        for c in raw {
            guard let model = c["model"]?.stringValue, let text = c["text"]?.stringValue else {
                throw RowProblem("a candidate lacks 'model' or 'text'")
            }
            guard !text.isBlank else { throw RowProblem("empty text from \(model)") }
            guard !candidates.contains(where: { $0.model.rawValue == model }) else { throw RowProblem("model \(model) appears twice") }
            candidates.append(Candidate(model: ModelName(model), text: text))
            if let s = c["score"] {
                guard let v = s.numberValue, v.isFinite else { throw RowProblem("score of \(model) is not a finite number") }
                scores[ModelName(model)] = v
            }
        }
        var references: [String: String] = [:]
        if case .object(let refs)? = row["references"] {
            for (name, value) in refs {
                guard let text = value.stringValue else { throw RowProblem("reference '\(name)' is not a string") }
                references[name] = text
            }
        }
        let oracle: Oracle
        if scores.count == candidates.count {
            oracle = .scores(scores)
        } else if case .array(let raw)? = row["comparisons"] {
            oracle = .pairwise(try raw.map { c in
                guard let a = c["a"]?.stringValue, let b = c["b"]?.stringValue,
                      let o = c["outcome"]?.stringValue, let outcome = PairVerdict.Outcome(rawValue: o) else {
                    throw RowProblem("a comparison needs 'a', 'b' and 'outcome' (A is better, B is better, Same good, Same bad)")
                }
                return PairVerdict(a: ModelName(a), b: ModelName(b), outcome: outcome)
            })
        } else {
            throw RowProblem("no oracle: give every candidate a 'score', or give 'comparisons'")
        }
        return Example(id: ExampleID(id), instruction: instruction, input: row["input"]?.stringValue ?? "",
                       references: references, candidates: candidates, oracle: oracle)
    }
}

import BlendCore
import Foundation

/// Reads the paper's MixInstruct format (digest section 5.3), as one JSON array or JSON lines:
/// `{id, instruction, input, output, candidates: [{model, text, decoding_method, scores}], cmp_results}`.
/// `cmp_results` is a JSON-encoded string (or "null", or an object) mapping "modelA,modelB" to
/// "A is better" | "B is better" | "Same good" | "Same bad"; it becomes a pairwise oracle. Where
/// it is absent and `scoreOracle` names a key of the candidates' `scores`, that score is the
/// oracle instead. The `output` field is the reference, named "output".
public struct MixInstructLoader: Sendable {
    public var file: String
    public var models: [ModelName]?
    public var scoreOracle: String?
    public var onMissing: MissingPolicy
    public var onInvalid: InvalidPolicy

    public init(file: String, models: [ModelName]?, scoreOracle: String?, onMissing: MissingPolicy, onInvalid: InvalidPolicy) {
        self.file = file
        self.models = models
        self.scoreOracle = scoreOracle
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
                guard ids.insert(example.id.rawValue).inserted else {
                    throw DataError.duplicateID(file: file, row: i + 1, id: example.id.rawValue)
                }
                for c in example.candidates where !allModels.contains(c.model) { allModels.append(c.model) }
                examples.append(example)
            } catch let reason as RowProblem {
                if onInvalid == .error { throw DataError.invalidRow(file: file, row: i + 1, reason: reason.text) }
                skipped[reason.text, default: 0] += 1
            } catch DataError.duplicateID(let f, let r, let id) {
                if onInvalid == .error { throw DataError.duplicateID(file: f, row: r, id: id) }
                skipped["duplicate id", default: 0] += 1
            }
        }
        let loaded = LoadedData(examples: examples, candidates: allModels, skipped: skipped)
        return try loaded.restricted(to: models ?? allModels, policy: onMissing, file: file)
    }

    private func parse(_ row: JSONValue) throws -> Example {
        guard let id = row["id"]?.stringValue ?? row["id"]?.numberValue.map({ String(Int($0)) }) else { throw RowProblem("missing 'id'") }
        let instruction = row["instruction"]?.stringValue ?? ""
        let input = row["input"]?.stringValue ?? ""
        guard !(instruction + input).isEmpty else { throw RowProblem("empty 'instruction' and 'input'") }
        guard case .array(let rawCandidates)? = row["candidates"], !rawCandidates.isEmpty else { throw RowProblem("no 'candidates'") }
        var candidates: [Candidate] = []
        var scores: [ModelName: Double] = [:]
        for raw in rawCandidates {
            guard let model = raw["model"]?.stringValue, let text = raw["text"]?.stringValue else {
                throw RowProblem("a candidate lacks 'model' or 'text'")
            }
            guard !text.isBlank else { throw RowProblem("empty text from \(model)") }
            guard !candidates.contains(where: { $0.model.rawValue == model }) else { throw RowProblem("model \(model) appears twice") }
            candidates.append(Candidate(model: ModelName(model), text: text))
            if let key = scoreOracle, let s = raw["scores"]?[key]?.numberValue {
                guard s.isFinite else { throw RowProblem("score '\(key)' of \(model) is not finite") }
                scores[ModelName(model)] = s
            }
        }
        let oracle: Oracle
        if let verdicts = try comparisons(row["cmp_results"]) {
            oracle = .pairwise(verdicts)
        } else if scoreOracle != nil, scores.count == candidates.count {
            oracle = .scores(scores)
        } else {
            throw RowProblem("no oracle: 'cmp_results' is null" + (scoreOracle.map { " and not every candidate has scores.\($0)" } ?? ""))
        }
        var references: [String: String] = [:]
        if let output = row["output"]?.stringValue, !output.isEmpty { references["output"] = output }
        return Example(id: ExampleID(id), instruction: instruction, input: input, references: references,
                       candidates: candidates, oracle: oracle)
    }

    private func comparisons(_ value: JSONValue?) throws -> [PairVerdict]? {
        var object: [String: JSONValue]
        switch value {
        case nil, .null?: return nil
        case .object(let o)?: object = o
        case .string(let s)?:
            guard s != "null" else { return nil }
            guard case .object(let o) = try JSONDecoder().decode(JSONValue.self, from: Data(s.utf8)) else {
                throw RowProblem("'cmp_results' is not a JSON object")
            }
            object = o
        case let other?: throw RowProblem("'cmp_results' must be a JSON string or object, found \(other.typeName)")
        }
        return try object.keys.sorted().map { key in
            let parts = key.split(separator: ",", maxSplits: 1).map(String.init)
            guard parts.count == 2, let text = object[key]?.stringValue, let outcome = PairVerdict.Outcome(rawValue: text) else {
                throw RowProblem("cmp_results entry '\(key)' is not \"modelA,modelB\": one of A is better, B is better, Same good, Same bad")
            }
            return PairVerdict(a: ModelName(parts[0]), b: ModelName(parts[1]), outcome: outcome)
        }
    }
}

/// A row-level problem, turned into an error or a skip by the loader's policy.
struct RowProblem: Error {
    let text: String
    init(_ text: String) { self.text = text }
}

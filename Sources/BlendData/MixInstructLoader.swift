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
    public var onEmpty: EmptyPolicy

    public init(file: String, models: [ModelName]?, scoreOracle: String?, onMissing: MissingPolicy, onInvalid: InvalidPolicy,
                onEmpty: EmptyPolicy = .keep) {
        self.file = file
        self.models = models
        self.scoreOracle = scoreOracle
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
                guard ids.insert(example.id.rawValue).inserted else {
                    if onInvalid == .error { throw DataError.duplicateID(file: file, row: i + 1, id: example.id.rawValue) }
                    throw RowProblem("duplicate id '\(example.id)'")
                }
                log = rowLog
                for c in example.candidates where !allModels.contains(c.model) { allModels.append(c.model) }
                examples.append(example)
            } catch let reason as RowProblem {
                try log.brokenRow(file: file, row: i + 1, reason.text, key: reason.text.hasPrefix("duplicate id") ? "duplicate id" : reason.text)
            }
        }
        let loaded = log.apply(to: LoadedData(examples: examples, candidates: allModels, skipped: [:]))
        return try loaded.restricted(to: models ?? allModels, policy: onMissing, file: file)
    }

    private func parse(_ row: JSONValue, row number: Int, log: inout LoadLog) throws -> Example {
        guard let id = row["id"]?.stringValue ?? row["id"]?.numberValue.map({ String(Int($0)) }) else { throw RowProblem("missing 'id'") }
        let instruction = row["instruction"]?.stringValue ?? ""
        let input = row["input"]?.stringValue ?? ""
        guard !(instruction + input).isEmpty else { throw RowProblem("empty 'instruction' and 'input'") }
        guard case .array(let rawCandidates)? = row["candidates"], !rawCandidates.isEmpty else { throw RowProblem("no 'candidates'") }
        let exampleID = ExampleID(id)
        func unusable(_ model: String?, _ reason: String, key: String) throws {
            guard try log.candidate(file: file, row: number, example: exampleID, model: model.map { ModelName($0) },
                                    "example \(id): " + reason, key: key) else { throw RowProblem(reason) }
        }
        var candidates: [Candidate] = []
        var scores: [ModelName: Double] = [:]
        let names = rawCandidates.compactMap { $0["model"]?.stringValue }
        let duplicated = Set(names.filter { name in names.filter { $0 == name }.count > 1 })
        for raw in rawCandidates {
            guard let model = raw["model"]?.stringValue, let text = raw["text"]?.stringValue else {
                try unusable(raw["model"]?.stringValue, "a candidate lacks 'model' or 'text'", key: "no text")
                continue
            }
            guard !duplicated.contains(model) else {
                try unusable(model, "model \(model) appears twice", key: "duplicate model")
                continue
            }
            if let key = scoreOracle, let s = raw["scores"]?[key]?.numberValue, !s.isFinite {
                try unusable(model, "score '\(key)' of \(model) is not finite", key: "invalid grade")
                continue
            }
            if text.isBlank { try log.empty(file: file, row: number, model: ModelName(model), example: exampleID) }
            candidates.append(Candidate(model: ModelName(model), text: text))
            if let key = scoreOracle, let s = raw["scores"]?[key]?.numberValue { scores[ModelName(model)] = s }
        }
        guard !candidates.isEmpty else { throw RowProblem("no usable candidate") }
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

import BlendCore
import Foundation

/// Reads the AlpacaEval results layout: `results/<model>/model_outputs.json` with
/// `[{instruction, output, generator, ...}]`, and `results/<model>/<annotator>/annotations.json`
/// with `[{instruction, output_2, preference, ...}]` where `preference - 1` is the judge's
/// probability that the model's answer beats the annotator's baseline. Rows join on the exact
/// instruction text. Example ids are `ae-` plus the first 12 hex digits of the instruction's
/// SHA-256, so they are stable across files and checkouts.
public struct AlpacaEvalLoader: Sendable {
    public var root: String
    /// Candidate models; nil means every model directory that has annotations.
    public var models: [ModelName]?
    /// The model whose outputs serve as the reference text.
    public var reference: String?
    public var annotator: String
    public var onMissing: MissingPolicy
    public var onInvalid: InvalidPolicy
    public var onEmpty: EmptyPolicy

    public init(root: String, models: [ModelName]?, reference: String?, annotator: String,
                onMissing: MissingPolicy, onInvalid: InvalidPolicy, onEmpty: EmptyPolicy = .keep) {
        self.onEmpty = onEmpty
        self.root = root
        self.models = models
        self.reference = reference
        self.annotator = annotator
        self.onMissing = onMissing
        self.onInvalid = onInvalid
    }

    /// The `results` directory: `root/results` if it exists, else `root` itself.
    var resultsDirectory: String {
        let nested = (root as NSString).appendingPathComponent("results")
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: nested, isDirectory: &isDir) && isDir.boolValue ? nested : root
    }

    /// Model directories that carry this annotator's annotations, sorted.
    public func availableModels() throws -> [ModelName] {
        let dir = resultsDirectory
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else {
            throw DataError.missingFile(path: dir, hint: "Run `make data` (or `blendlab data fetch alpaca-eval`), or set dataset.path to an AlpacaEval checkout.")
        }
        return names.sorted().filter {
            FileManager.default.fileExists(atPath: "\(dir)/\($0)/\(annotator)/annotations.json")
        }.map { ModelName($0) }
    }

    public func load() throws -> LoadedData {
        let dir = resultsDirectory
        let models = try self.models ?? availableModels()
        guard !models.isEmpty else { throw DataError.noExamples(path: dir, reason: "no model has \(annotator) annotations") }
        var log = LoadLog(onInvalid: onInvalid, onEmpty: onEmpty)
        var order: [String] = []
        var seen = Set<String>()
        func note(_ instruction: String) { if seen.insert(instruction).inserted { order.append(instruction) } }

        var references: [String: String] = [:]
        if let reference {
            let file = "\(dir)/\(reference)/model_outputs.json"
            for row in try outputs(file: file, model: nil, log: &log) {
                note(row.instruction)
                references[row.instruction] = row.text
            }
        }
        var texts: [ModelName: [String: (text: String, file: String, row: Int)]] = [:]
        var scores: [ModelName: [String: Double]] = [:]
        for model in models {
            let outputsFile = "\(dir)/\(model.rawValue)/model_outputs.json"
            let annotationsFile = "\(dir)/\(model.rawValue)/\(annotator)/annotations.json"
            var byInstruction: [String: (text: String, file: String, row: Int)] = [:]
            for row in try outputs(file: outputsFile, model: model, log: &log) {
                note(row.instruction)
                byInstruction[row.instruction] = (row.text, outputsFile, row.row)
            }
            texts[model] = byInstruction
            scores[model] = try preferences(file: annotationsFile, model: model, log: &log)
        }

        var examples: [Example] = []
        for instruction in order {
            let id = Self.exampleID(instruction)
            var candidates: [Candidate] = []
            var judged: [ModelName: Double] = [:]
            for model in models where log.dropped[id]?.contains(model) != true {
                guard let answer = texts[model]?[instruction] else { continue }
                guard let score = scores[model]?[instruction] else {
                    // An answer without a grade: unusable under skip-candidate; missing (on_missing) otherwise.
                    if onInvalid == .skipCandidate {
                        _ = try log.candidate(file: annotationsFile(model), row: nil, example: id, model: model,
                                              "\(model) has no annotation for the instruction \"\(instruction.prefix(60))\"", key: "missing grade")
                    }
                    continue
                }
                if answer.text.isBlank { try log.empty(file: answer.file, row: answer.row, model: model, example: id) }
                candidates.append(Candidate(model: model, text: answer.text))
                judged[model] = score
            }
            guard !candidates.isEmpty else { continue }
            var refs: [String: String] = [:]
            if let reference, let text = references[instruction] { refs[reference] = text }
            examples.append(Example(id: id, instruction: instruction,
                                    references: refs, candidates: candidates, oracle: .scores(judged)))
        }
        let loaded = log.apply(to: LoadedData(examples: examples, candidates: models, skipped: [:]))
        return try loaded.restricted(to: models, policy: onMissing, file: dir)
    }

    static func exampleID(_ instruction: String) -> ExampleID { ExampleID("ae-" + SHA256.hex(instruction).prefix(12)) }

    private func annotationsFile(_ model: ModelName) -> String { "\(resultsDirectory)/\(model.rawValue)/\(annotator)/annotations.json" }

    /// Reports a problem with `model`'s row for `instruction`: under skip-candidate the model's
    /// candidate for that instruction is dropped; otherwise the row is skipped (or an error).
    private func unusable(file: String, row: Int, model: ModelName?, instruction: String?, _ reason: String,
                          key: String, log: inout LoadLog) throws {
        if let model, let instruction, onInvalid == .skipCandidate {
            _ = try log.candidate(file: file, row: row, example: Self.exampleID(instruction), model: model, reason, key: key)
        } else {
            try log.row(file: file, row: row, reason)
        }
    }

    /// The (instruction, output) rows of a `model_outputs.json`, in file order.
    private func outputs(file: String, model: ModelName?, log: inout LoadLog) throws -> [(instruction: String, text: String, row: Int)] {
        var result: [(instruction: String, text: String, row: Int)] = []
        var seen = Set<String>()
        for (i, row) in try JSONFile.rows(at: file, keys: ["instruction", "output"]).enumerated() {
            guard let instruction = row["instruction"]?.stringValue, let output = row["output"]?.stringValue else {
                try log.row(file: file, row: i + 1, "missing 'instruction' or 'output' string")
                continue
            }
            guard seen.insert(instruction).inserted else {
                // Which of the two rows is right cannot be told: under skip-candidate both go.
                if onInvalid == .skipCandidate { result.removeAll { $0.instruction == instruction } }
                try unusable(file: file, row: i + 1, model: model, instruction: instruction, "duplicate instruction", key: "duplicate row", log: &log)
                continue
            }
            result.append((instruction, output, i + 1))
        }
        return result
    }

    /// instruction -> preference - 1 from an `annotations.json`.
    private func preferences(file: String, model: ModelName, log: inout LoadLog) throws -> [String: Double] {
        var result: [String: Double] = [:]
        var duplicated = Set<String>()
        for (i, row) in try JSONFile.rows(at: file, keys: ["instruction", "preference"]).enumerated() {
            let instruction = row["instruction"]?.stringValue
            guard let instruction, let preference = row["preference"]?.numberValue else {
                try unusable(file: file, row: i + 1, model: model, instruction: instruction,
                             "missing 'instruction' or numeric 'preference'", key: "missing grade", log: &log)
                continue
            }
            guard preference.isFinite, (0.999...2.001).contains(preference) else {
                try unusable(file: file, row: i + 1, model: model, instruction: instruction,
                             "preference \(preference) is outside [1, 2]", key: "invalid grade", log: &log)
                continue
            }
            if result[instruction] != nil || duplicated.contains(instruction) {
                if onInvalid == .skipCandidate { result[instruction] = nil; duplicated.insert(instruction) }
                try unusable(file: file, row: i + 1, model: model, instruction: instruction, "duplicate instruction", key: "duplicate row", log: &log)
                continue
            }
            result[instruction] = min(1, max(0, preference - 1))
        }
        return result
    }
}

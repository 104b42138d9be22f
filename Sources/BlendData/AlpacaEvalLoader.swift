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

    public init(root: String, models: [ModelName]?, reference: String?, annotator: String,
                onMissing: MissingPolicy, onInvalid: InvalidPolicy) {
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
        var skipped: [String: Int] = [:]
        var order: [String] = []
        var seen = Set<String>()
        func note(_ instruction: String) { if seen.insert(instruction).inserted { order.append(instruction) } }

        var references: [String: String] = [:]
        if let reference {
            let file = "\(dir)/\(reference)/model_outputs.json"
            for (row, text) in try outputs(file: file, skipped: &skipped) {
                note(row)
                references[row] = text
            }
        }
        var texts: [ModelName: [String: String]] = [:]
        var scores: [ModelName: [String: Double]] = [:]
        for model in models {
            let outputsFile = "\(dir)/\(model.rawValue)/model_outputs.json"
            let annotationsFile = "\(dir)/\(model.rawValue)/\(annotator)/annotations.json"
            var byInstruction: [String: String] = [:]
            for (instruction, text) in try outputs(file: outputsFile, skipped: &skipped) {
                note(instruction)
                byInstruction[instruction] = text
            }
            texts[model] = byInstruction
            scores[model] = try preferences(file: annotationsFile, skipped: &skipped)
        }

        var examples: [Example] = []
        for instruction in order {
            var candidates: [Candidate] = []
            var judged: [ModelName: Double] = [:]
            for model in models {
                guard let text = texts[model]?[instruction], let score = scores[model]?[instruction] else { continue }
                candidates.append(Candidate(model: model, text: text))
                judged[model] = score
            }
            guard !candidates.isEmpty else { continue }
            var refs: [String: String] = [:]
            if let reference, let text = references[instruction] { refs[reference] = text }
            examples.append(Example(id: ExampleID("ae-" + SHA256.hex(instruction).prefix(12)), instruction: instruction,
                                    references: refs, candidates: candidates, oracle: .scores(judged)))
        }
        let loaded = LoadedData(examples: examples, candidates: models, skipped: skipped)
        return try loaded.restricted(to: models, policy: onMissing, file: dir)
    }

    /// (instruction, output) pairs of a `model_outputs.json`, in file order.
    private func outputs(file: String, skipped: inout [String: Int]) throws -> [(String, String)] {
        var result: [(String, String)] = []
        var seen = Set<String>()
        for (i, row) in try JSONFile.rows(at: file).enumerated() {
            let problem: String?
            if let instruction = row["instruction"]?.stringValue, let output = row["output"]?.stringValue {
                if output.isBlank { problem = "empty output" }
                else if !seen.insert(instruction).inserted { problem = "duplicate instruction" }
                else { result.append((instruction, output)); problem = nil }
            } else {
                problem = "missing 'instruction' or 'output' string"
            }
            if let problem { try invalid(file: file, row: i + 1, problem, skipped: &skipped) }
        }
        return result
    }

    /// instruction -> preference - 1 from an `annotations.json`.
    private func preferences(file: String, skipped: inout [String: Int]) throws -> [String: Double] {
        var result: [String: Double] = [:]
        for (i, row) in try JSONFile.rows(at: file).enumerated() {
            guard let instruction = row["instruction"]?.stringValue, let preference = row["preference"]?.numberValue else {
                try invalid(file: file, row: i + 1, "missing 'instruction' or numeric 'preference'", skipped: &skipped)
                continue
            }
            guard preference.isFinite, (0.999...2.001).contains(preference) else {
                try invalid(file: file, row: i + 1, "preference \(preference) is outside [1, 2]", skipped: &skipped)
                continue
            }
            if result[instruction] != nil {
                try invalid(file: file, row: i + 1, "duplicate instruction", skipped: &skipped)
                continue
            }
            result[instruction] = min(1, max(0, preference - 1))
        }
        return result
    }

    private func invalid(file: String, row: Int, _ reason: String, skipped: inout [String: Int]) throws {
        if onInvalid == .error { throw DataError.invalidRow(file: file, row: row, reason: reason) }
        skipped[reason, default: 0] += 1
    }
}

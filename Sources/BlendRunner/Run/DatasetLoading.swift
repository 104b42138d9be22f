import BlendCore
import BlendData

extension DatasetSpec {
    /// Loads the data set this spec names, with its candidate and error policies.
    public func load() throws -> LoadedData {
        switch source {
        case .alpacaEval:
            return try AlpacaEvalLoader(root: path, models: candidates, reference: reference, annotator: annotator,
                                        onMissing: onMissing, onInvalid: onInvalid, onEmpty: onEmpty).load()
        case .mixInstruct:
            return try MixInstructLoader(file: path, models: candidates, scoreOracle: scoreOracle,
                                         onMissing: onMissing, onInvalid: onInvalid, onEmpty: onEmpty).load()
        case .jsonLines:
            return try JSONLinesLoader(file: path, models: candidates, onMissing: onMissing, onInvalid: onInvalid, onEmpty: onEmpty).load()
        case .fastChat:
            return try FastChatLoader(root: path, models: candidates, reference: reference, judge: annotator.isEmpty ? nil : annotator,
                                      turn: turn, onMissing: onMissing, onInvalid: onInvalid, onEmpty: onEmpty).load()
        }
    }
}

/// The examples an experiment evaluates: loaded, split by hash, the chosen part, the limit.
public struct EvaluationData: Sendable {
    public var loaded: LoadedData
    public var splitCounts: [String: Int]
    public var examples: [Example]

    public init(spec: DatasetSpec) throws {
        loaded = try spec.load()
        var counts: [String: Int] = [:]
        var chosen: [Example] = []
        for example in loaded.examples {
            let part = spec.folds.map { "fold \($0.fold(of: example) + 1)" }
                ?? (spec.split.isEmpty ? "all" : DataSplit.part(of: example, parts: spec.split))
            counts[part, default: 0] += 1
            if spec.evaluate == "all" || part == spec.evaluate { chosen.append(example) }
        }
        if let limit = spec.limit { chosen = Array(chosen.prefix(limit)) }
        guard !chosen.isEmpty else {
            throw RunnerError.noExamples("\(loaded.examples.count) loaded, none in part '\(spec.evaluate)' of \(spec.path)")
        }
        splitCounts = counts
        examples = chosen
    }
}

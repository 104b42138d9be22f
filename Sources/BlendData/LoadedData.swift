import BlendCore

/// What to do with an instruction that lacks one of the requested candidates.
public enum MissingPolicy: String, Sendable, CaseIterable {
    /// Fail, naming the file and the instruction.
    case error
    /// Skip the instruction and count it in the result.
    case drop
    /// Keep the instruction and rank the candidates that exist.
    case rankPresent = "rank-present"
}

/// What to do with a malformed row (empty text, duplicate id, no oracle).
public enum InvalidPolicy: String, Sendable, CaseIterable {
    case error
    case skip
}

/// A loaded data set: its examples in file order and what was skipped, by reason.
public struct LoadedData: Sendable {
    public var examples: [Example]
    public var candidates: [ModelName]
    public var skipped: [String: Int]

    public init(examples: [Example], candidates: [ModelName], skipped: [String: Int]) {
        self.examples = examples
        self.candidates = candidates
        self.skipped = skipped
    }

    /// Keeps only `models` (in that order) in every example, applying `policy` to examples that
    /// lack some of them. `file` names the data for error messages.
    public func restricted(to models: [ModelName], policy: MissingPolicy, file: String) throws -> LoadedData {
        var kept: [Example] = []
        var skipped = self.skipped
        for var example in examples {
            var present: [Candidate] = []
            for model in models {
                if let i = example.index(of: model) {
                    present.append(example.candidates[i])
                } else {
                    switch policy {
                    case .error: throw DataError.missingCandidate(file: file, model: model.rawValue, instruction: example.instruction)
                    case .drop, .rankPresent: break
                    }
                }
            }
            if present.count < models.count {
                let missing = models.filter { m in !present.contains { $0.model == m } }.map(\.rawValue).joined(separator: ", ")
                if policy == .drop || present.isEmpty {
                    skipped["missing candidate: " + missing, default: 0] += 1
                    continue
                }
                skipped["ranked without: " + missing, default: 0] += 1
            }
            example.candidates = present
            kept.append(example)
        }
        return LoadedData(examples: kept, candidates: models, skipped: skipped)
    }
}

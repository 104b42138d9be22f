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

/// What to do with a malformed row (duplicate id, no oracle, a candidate without a grade).
public enum InvalidPolicy: String, Sendable, CaseIterable {
    /// Fail, naming the file, the row and the reason.
    case error
    /// Skip the whole row (the example) and count it.
    case skip
    /// Drop only the unusable candidate and keep the example while at least two candidates
    /// remain; a problem with the example itself (no instruction, a bad question row) still
    /// skips the row. The default.
    case skipCandidate = "skip-candidate"
}

/// What to do with an empty or whitespace-only answer. It is a real, bad candidate (the judge
/// graded it), so by default it is kept and counted.
public enum EmptyPolicy: String, Sendable, CaseIterable {
    case keep
    /// Refuse the data set, naming the file and row.
    case error
}

/// One irregularity met while loading, with where it was and what the loader did about it.
public struct Irregularity: Sendable, Hashable, CustomStringConvertible {
    public enum Action: String, Sendable {
        case droppedCandidate = "candidate dropped"
        case skippedRow = "row skipped"
        case droppedExample = "example dropped"
        case kept = "kept"
    }

    public var file: String
    /// 1-based row (JSON array element or JSON line), when the irregularity is one row's.
    public var row: Int?
    public var reason: String
    public var action: Action

    public init(file: String, row: Int?, reason: String, action: Action) {
        self.file = file
        self.row = row
        self.reason = reason
        self.action = action
    }

    public var description: String { "\(file)\(row.map { ", row \($0)" } ?? ""): \(reason) (\(action.rawValue))" }
}

/// A loaded data set: its examples in file order and what was skipped, by reason.
public struct LoadedData: Sendable {
    public var examples: [Example]
    public var candidates: [ModelName]
    /// Rows or examples skipped, by reason.
    public var skipped: [String: Int]
    /// Candidates dropped from examples that were kept or dropped, by reason.
    public var droppedCandidates: [String: Int] = [:]
    /// Empty or whitespace-only answers loaded as candidates.
    public var emptyAnswers = 0
    /// Every irregularity with its file and row, in the order met (for `blendlab data check`).
    public var irregularities: [Irregularity] = []
    /// Per example, the models whose candidate was dropped as unusable: they do not count as
    /// missing, and the example is kept only while at least two candidates remain.
    public var dropped: [ExampleID: Set<ModelName>] = [:]

    public init(examples: [Example], candidates: [ModelName], skipped: [String: Int]) {
        self.examples = examples
        self.candidates = candidates
        self.skipped = skipped
    }

    /// The least number of candidates an example keeps after dropping unusable ones.
    public static let minimumCandidates = 2

    /// Keeps only `models` (in that order) in every example, applying `policy` to examples that
    /// lack some of them. `file` names the data for error messages.
    public func restricted(to models: [ModelName], policy: MissingPolicy, file: String) throws -> LoadedData {
        var kept: [Example] = []
        var result = self
        for var example in examples {
            let dropped = self.dropped[example.id] ?? []
            var present: [Candidate] = []
            var missing: [ModelName] = []
            for model in models {
                if let i = example.index(of: model) {
                    present.append(example.candidates[i])
                } else if !dropped.contains(model) {
                    if policy == .error {
                        throw DataError.missingCandidate(file: file, model: model.rawValue, instruction: example.instruction)
                    }
                    missing.append(model)
                }
            }
            if !missing.isEmpty {
                let names = missing.map(\.rawValue).joined(separator: ", ")
                let dropping = policy == .drop || present.isEmpty
                result.irregularities.append(Irregularity(file: file, row: nil, action: dropping ? .droppedExample : .kept,
                                                          reason: "example \(example.id): no candidate from \(names)"))
                if dropping {
                    result.skipped["missing candidate: " + names, default: 0] += 1
                    continue
                }
                result.skipped["ranked without: " + names, default: 0] += 1
            }
            if !dropped.isEmpty, present.count < Self.minimumCandidates {
                result.skipped["fewer than \(Self.minimumCandidates) usable candidates", default: 0] += 1
                result.irregularities.append(Irregularity(
                    file: file, row: nil, action: .droppedExample,
                    reason: "example \(example.id): fewer than \(Self.minimumCandidates) usable candidates after dropping \(dropped.map(\.rawValue).sorted().joined(separator: ", "))"))
                continue
            }
            example.candidates = present
            kept.append(example)
        }
        result.examples = kept
        result.candidates = models
        result.emptyAnswers = kept.reduce(0) { $0 + $1.candidates.filter { $0.text.isBlank }.count }
        return result
    }
}

extension Irregularity {
    init(file: String, row: Int?, action: Action, reason: String) {
        self.init(file: file, row: row, reason: reason, action: action)
    }
}

import BlendCore

/// The loaders' shared bookkeeping: applies `on_invalid` and `on_empty` to each problem met,
/// counts it by reason and records it with its file and row.
///
/// - a row problem (the row itself is unusable: no id, no instruction, bad JSON shape) skips the
///   row under `skip` and `skip-candidate`;
/// - a candidate problem (no grade, duplicate model, no text) drops that candidate under
///   `skip-candidate`, skips the whole row under `skip`;
/// - `error` turns either into `DataError.invalidRow` naming the file and row.
struct LoadLog {
    var onInvalid: InvalidPolicy
    var onEmpty: EmptyPolicy
    var skipped: [String: Int] = [:]
    var droppedCandidates: [String: Int] = [:]
    var irregularities: [Irregularity] = []
    var dropped: [ExampleID: Set<ModelName>] = [:]

    init(onInvalid: InvalidPolicy, onEmpty: EmptyPolicy) {
        self.onInvalid = onInvalid
        self.onEmpty = onEmpty
    }

    /// The whole row is skipped (or the load fails). `key` is the reason counted in the summary
    /// (a shorter form of `reason` where the reason names an id).
    mutating func row(file: String, row: Int?, _ reason: String, key: String? = nil) throws {
        if onInvalid == .error { throw DataError.invalidRow(file: file, row: row ?? 0, reason: reason) }
        skipped[key ?? reason, default: 0] += 1
        irregularities.append(Irregularity(file: file, row: row, reason: reason, action: .skippedRow))
    }

    /// A broken example row of a one-row-per-example file (a duplicate id, no candidates, bad
    /// JSON): skipped under `skip`; an error naming the file and row under `error` and under
    /// `skip-candidate`, the default, which drops unusable candidates, not broken examples.
    mutating func brokenRow(file: String, row: Int?, _ reason: String, key: String? = nil) throws {
        if onInvalid == .skipCandidate {
            throw DataError.invalidRow(file: file, row: row ?? 0, reason: reason + " (`on_invalid: skip` skips such rows)")
        }
        try self.row(file: file, row: row, reason, key: key)
    }

    /// Whether a candidate problem drops only the candidate (true) or must skip the row
    /// (false, under `skip`; the caller then throws `RowProblem`). Throws under `error`.
    mutating func candidate(file: String, row: Int?, example: ExampleID, model: ModelName?, _ reason: String, key: String) throws -> Bool {
        switch onInvalid {
        case .error: throw DataError.invalidRow(file: file, row: row ?? 0, reason: reason)
        case .skip: return false
        case .skipCandidate:
            droppedCandidates[key, default: 0] += 1
            if let model { dropped[example, default: []].insert(model) }
            irregularities.append(Irregularity(file: file, row: row, reason: reason, action: .droppedCandidate))
            return true
        }
    }

    /// An empty or whitespace-only answer: kept (and recorded), or an error under `on_empty: error`.
    mutating func empty(file: String, row: Int?, model: ModelName, example: ExampleID) throws {
        let reason = "empty answer from \(model) for \(example)"
        if onEmpty == .error {
            throw DataError.emptyAnswer(file: file, row: row ?? 0, model: model.rawValue, example: example.rawValue)
        }
        irregularities.append(Irregularity(file: file, row: row, reason: reason, action: .kept))
    }

    /// An irregularity that changes nothing but is worth reporting (an answer to an unknown
    /// question is ignored), counted under `key` in the skipped rows.
    mutating func ignored(file: String, row: Int?, _ reason: String, key: String) throws {
        try self.row(file: file, row: row, reason, key: key)
    }

    /// `data` with this log's counts and records added.
    func apply(to data: LoadedData) -> LoadedData {
        var data = data
        data.skipped.merge(skipped, uniquingKeysWith: +)
        data.droppedCandidates.merge(droppedCandidates, uniquingKeysWith: +)
        data.irregularities += irregularities
        data.dropped.merge(dropped) { $0.union($1) }
        return data
    }
}

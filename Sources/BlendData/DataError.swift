import BlendCore

/// Errors while reading or fetching data; each names the file (and row) and what to fix.
public enum DataError: BlendlabError, Sendable, Equatable, CustomStringConvertible {
    case missingFile(path: String, hint: String)
    case badJSON(file: String, row: Int?, reason: String)
    case invalidRow(file: String, row: Int, reason: String)
    case emptyAnswer(file: String, row: Int, model: String, example: String)
    case duplicateID(file: String, row: Int, id: String)
    case missingCandidate(file: String, model: String, instruction: String)
    case noExamples(path: String, reason: String)
    case fetchFailed(url: String, reason: String)

    public var description: String {
        switch self {
        case .missingFile(let path, let hint): "\(path): file not found. \(hint)"
        case .badJSON(let file, let row, let reason):
            "\(file)\(row.map { ", row \($0)" } ?? ""): not valid JSON (\(reason)). Fix or re-fetch the file."
        case .invalidRow(let file, let row, let reason):
            "\(file), row \(row): \(reason). Fix the row, or set dataset.on_invalid: skip-candidate (drop an unusable candidate) or skip (the whole row)."
        case .emptyAnswer(let file, let row, let model, let example):
            "\(file), row \(row): empty answer from \(model) for \(example), refused by dataset.on_empty: error. Remove the setting to keep it as a candidate (the default)."
        case .duplicateID(let file, let row, let id):
            "\(file), row \(row): duplicate id '\(id)'. Ids must be unique; fix the row, or set dataset.on_invalid: skip."
        case .missingCandidate(let file, let model, let instruction):
            "\(file): model '\(model)' has no output for the instruction \"\(instruction.prefix(60))\". Set dataset.on_missing: drop (skip the instruction) or rank-present (rank the candidates that exist)."
        case .noExamples(let path, let reason): "\(path): no usable examples (\(reason))."
        case .fetchFailed(let url, let reason): "could not fetch \(url): \(reason)"
        }
    }
}

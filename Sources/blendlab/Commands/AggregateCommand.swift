import ArgumentParser
import BlendCore
import BlendData
import Foundation

/// `blendlab aggregate`: comparison matrices in, rankings out, with any catalog aggregation rule.
struct AggregateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "Rank candidates from comparison matrices given as JSON lines {\"id\", \"matrix\"}.",
        discussion: """
            Each input line is {"id": ..., "matrix": [[...], ...]}: N rows of N entries, where \
            matrix[i][j] is the logit that candidate i beats candidate j with i shown first (> 0: i is \
            better); null where not compared; the diagonal is ignored. Each output line is \
            {"id": ..., "ranking": [indices, best first], "scores": [one per candidate, higher is better], \
            "comparisons": ordered entries the rule read}. A missing "id" becomes the line number. Rules: \
            \(Catalog.aggregationRules.map(\.id).joined(separator: ", ")).
            """
    )

    struct Line: Decodable {
        var id: JSONValue?
        var matrix: [[Double?]]
    }

    @Option(help: "The aggregation rule: \(Catalog.aggregationRules.map(\.id).joined(separator: ", ")).")
    var rule: String = MaxLogitsRule.id

    @Option(name: .customLong("param"), help: "A rule parameter KEY=VALUE (repeatable), e.g. --param k=16.")
    var params: [String] = []

    @Option(help: "The seed for seeded rules (bubble, elo); the line's id names the per-line stream.")
    var seed: UInt64 = 0

    @Option(help: "Read JSON lines from FILE instead of standard input.")
    var input: String?

    func run() async throws {
        let made = try Catalog.make(Catalog.aggregationRules, kind: "aggregation rule", id: rule, params: try Self.parse(params))
        let reader = JSONLinesReader(path: input)
        var out = ""
        for (number, line) in try reader.decode(Line.self) {
            let matrix: ComparisonMatrix
            do {
                matrix = try ComparisonMatrix(logits: line.matrix)
            } catch let error as AggregationError {
                throw JSONLinesError.badLine(source: reader.sourceName, line: number, reason: error.description)
            }
            let id = line.id ?? .int(number)
            let counted = LazyComparisonMatrix(count: matrix.count) { i, j in matrix[i, j] }
            let result = try await made.aggregate(counted, seed: seed, purpose: Self.purpose(id))
            let calls = await counted.matrix.calls
            out += "{\"id\":" + id.canonical
            out += ",\"ranking\":[" + result.ranking.map(String.init).joined(separator: ",") + "]"
            out += ",\"scores\":[" + result.scores.map { $0.isFinite ? "\($0)" : "null" }.joined(separator: ",") + "]"
            out += ",\"comparisons\":\(calls)}\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// The per-line random stream's name: a string id as is, any other id in canonical JSON.
    static func purpose(_ id: JSONValue) -> String {
        if case .string(let s) = id { return s }
        return id.canonical
    }

    /// `KEY=VALUE` options as parameters: integers, then numbers, then true/false, else strings.
    static func parse(_ pairs: [String]) throws -> [String: JSONValue] {
        var params: [String: JSONValue] = [:]
        for pair in pairs {
            guard let eq = pair.firstIndex(of: "=") else { throw ValidationError("--param '\(pair)': write KEY=VALUE") }
            let key = String(pair[..<eq]), text = String(pair[pair.index(after: eq)...])
            if let i = Int(text) { params[key] = .int(i) }
            else if let d = Double(text) { params[key] = .double(d) }
            else if text == "true" || text == "false" { params[key] = .bool(text == "true") }
            else { params[key] = .string(text) }
        }
        return params
    }
}

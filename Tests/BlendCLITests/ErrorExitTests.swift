import Foundation
import Testing

/// One case per exit class, through the real binary: the root command maps every domain
/// error (`BlendlabError`) to `error: <message>` on standard error and its exit code, and
/// leaves swift-argument-parser's own errors to it.
struct ErrorExit: Sendable, CustomStringConvertible {
    var name: String
    var arguments: [String]
    var status: Int32
    /// The start of standard error.
    var message: String
    var description: String { name }
}

let errorExits: [ErrorExit] = [
    ErrorExit(name: "SpecError (exit 2)", arguments: ["plan", "nope"], status: 2,
              message: "error: Experiments/nope.yaml: no such experiment file; known experiments: "),
    ErrorExit(name: "CatalogError (exit 2)", arguments: ["aggregate", "--rule", "nope", "--input", "/dev/null"], status: 2,
              message: "error: unknown aggregation rule 'nope'; known aggregation rules: "),
    ErrorExit(name: "ParameterError (exit 2)", arguments: ["aggregate", "--param", "k=1", "--input", "/dev/null"], status: 2,
              message: "error: unknown parameter 'k'; known parameters: none\n"),
    ErrorExit(name: "ReportError (exit 1)", arguments: ["report", "nope", "--results", "/nonexistent-results"], status: 1,
              message: "error: /nonexistent-results/nope/result.json does not exist; run the experiment first (blendlab run NAME).\n"),
    ErrorExit(name: "ValidationError in run (exit 2)", arguments: ["embed", "--input", "/nonexistent-input.jsonl"], status: 2,
              message: "error: cannot read --input /nonexistent-input.jsonl\n"),
    ErrorExit(name: "ModelError (exit 1)", arguments: ["embed", "--model", "/nonexistent-model", "--input", "$EMPTY"], status: 1,
              message: "error: model file /nonexistent-model is missing; run `make models` to fetch the model weights\n"),
    ErrorExit(name: "StoreError (exit 1)", arguments: ["cache", "stats", "--cache", "/dev/null/c.sqlite"], status: 1,
              message: "error: cannot open the cache at /dev/null/c.sqlite: "),
    ErrorExit(name: "RunnerError (exit 1)", arguments: ["rank", "--ranker", "summareranker", "--experiment", "smoke", "--cache", "/dev/null/c.sqlite"],
              status: 1, message: "error: summareranker"),
    ErrorExit(name: "swift-argument-parser's own (exit 64)", arguments: ["rank", "--experiment", "smoke"], status: 64,
              message: "Error: Missing expected argument '--ranker <ranker>'\n"),
]

@Test("each exit class maps to its code and message through the real binary", arguments: errorExits)
func errorExitClasses(_ c: ErrorExit) throws {
    let empty = try scratch() + "/empty.jsonl"
    try Data().write(to: URL(fileURLWithPath: empty))
    let result = try blendlab(c.arguments.map { $0 == "$EMPTY" ? empty : $0 })
    #expect(result.status == c.status, "\(result.err)")
    #expect(result.err.hasPrefix(c.message), "\(result.err)")
    #expect(result.out.isEmpty)
}

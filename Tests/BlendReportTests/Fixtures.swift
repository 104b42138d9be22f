import BlendCore
import BlendReport
import Foundation
import XHTMLCheck

/// A small hand-made document with every table: two models, the oracle, a pairwise ranker under
/// two aggregation rules, and a blender at two top-K values that states its comparisons.
func richDocument(model: String = "model-a") throws -> ResultDocument {
    let agg = { (mean: Double, p: Double?) in Aggregate(mean: mean, low: mean - 0.25, high: mean + 0.25, count: 4, pValue: p) }
    let identity = { (id: String) in JSONValue.object(["id": .string(id), "version": .int(1), "params": .object([:])]) }
    let pairwise = { (rule: String) in JSONValue.object(["ranker": identity("pair-ranker"), "aggregation": identity(rule), "comparisons": .int(2)]) }
    let ranker = MethodInfo.ComponentRef(id: "pair-ranker", name: "pair-ranker")
    let methods = [
        MethodInfo(key: "llm:\(model)", label: model, group: .llm, component: nil),
        MethodInfo(key: "llm:b", label: "b", group: .llm, component: nil),
        MethodInfo(key: "ranker:oracle", label: "oracle", group: .oracle, component: nil),
        MethodInfo(key: "ranker:pr-logits", label: "pair-ranker (max-logits)", group: .ranker,
                   component: pairwise("max-logits"), ranker: ranker,
                   aggregation: .init(id: "max-logits", name: "max-logits"), comparisons: 2),
        MethodInfo(key: "ranker:pr-wins", label: "pair-ranker (max-wins)", group: .ranker,
                   component: pairwise("max-wins"), ranker: ranker,
                   aggregation: .init(id: "max-wins", name: "max-wins"), comparisons: 2),
        MethodInfo(key: "blender:k2", label: "PR (K = 2) + fuse", group: .blender, component: .object(["top_k": .int(2)]), topK: 2),
        MethodInfo(key: "blender:k1", label: "PR (K = 1) + fuse", group: .blender, component: .object(["top_k": .int(1)]), topK: 1),
    ]
    let models: [ModelName] = [ModelName(model), "b"]
    let diagnostics = RankerDiagnostics([
        .init(models: models, scores: [2, 1], oracleRanks: [1, 2]), .init(models: models, scores: [1, 2], oracleRanks: [2, 1]),
        .init(models: models, scores: [2, 1], oracleRanks: [2, 1]),
    ]).map { ["ranker:pr-logits": $0] }
    let outcome = { (selected: Int?, rank: Double) in ExampleResult.Outcome(selected: selected, values: ["oracle-rank": rank]) }
    let examples = [
        ExampleResult(id: "q1", candidates: models, oracleRanks: [1, 2],
                      outcomes: ["ranker:oracle": outcome(0, 1), "ranker:pr-logits": outcome(0, 1), "blender:k2": outcome(nil, 1.5)]),
        ExampleResult(id: "q2", candidates: models, oracleRanks: [2, 1],
                      outcomes: ["ranker:oracle": outcome(1, 1), "ranker:pr-logits": outcome(0, 2), "blender:k2": outcome(nil, 1)]),
        ExampleResult(id: "q3", candidates: models, oracleRanks: [1, 1], outcomes: ["ranker:oracle": outcome(0, 1)]),
    ]
    return ResultDocument(
        experiment: ExperimentInfo(name: "golden", description: "A tiny document with every table.", baseline: "llm:\(model)"),
        spec: .object([:]),
        data: DataSummary(source: "jsonl", path: "d.jsonl", candidates: models, loaded: 3, splits: ["all": 3],
                          evaluatedSplit: "all", evaluated: 3, skipped: ["empty output": 1]),
        methods: methods,
        metrics: [MetricInfo(id: "oracle-rank", label: "GPT-Rank", higherIsBetter: false, component: .null),
                  MetricInfo(id: "top-3", label: "Top-3 (%)", higherIsBetter: true, component: .null)],
        aggregates: ["llm:\(model)": ["oracle-rank": agg(1.5, nil), "top-3": agg(50, nil)],
                     "llm:b": ["oracle-rank": agg(1.25, 0.01), "top-3": agg(75, 0.2)],
                     "ranker:oracle": ["oracle-rank": agg(1, 0.001), "top-3": agg(100, 0.001)],
                     "ranker:pr-logits": ["oracle-rank": agg(1.5, 0.9), "top-3": agg(66.7, 0.3)],
                     "ranker:pr-wins": ["oracle-rank": agg(1.4, 0.5)],
                     "blender:k1": ["oracle-rank": agg(1.4, 0.5), "top-3": agg(60, 0.5)],
                     "blender:k2": ["oracle-rank": agg(1.25, 0.04), "top-3": agg(80, 0.04)]],
        diagnostics: diagnostics, examples: examples,
        provenance: Provenance(gitCommit: "abc", specHash: String(repeating: "f", count: 64), toolVersion: "0.1.0", seed: 1,
                               startedAt: "2026-11-29T00:00:00Z", stages: []))
}

/// The texts of `richDocument`'s examples, with a fused output for the blender.
func richTexts(model: String = "model-a", text: String = "an answer") -> ExampleTexts {
    ExampleTexts(examples: ["q1", "q2", "q3"].map { id in
        ExampleTexts.Entry(id: ExampleID(id), instruction: "Instruction \(id)", input: "",
                           candidates: [Candidate(model: ModelName(model), text: text), Candidate(model: "b", text: "b says \(id)")],
                           outputs: id == "q3" ? [:] : ["blender:k2": "fused \(id)"])
    })
}

/// Compares `text` with `Golden/<name>`; with BLENDLAB_UPDATE_GOLDEN=1 rewrites the file instead.
func golden(_ name: String, _ text: String) throws -> Bool {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/" + name)
    if ProcessInfo.processInfo.environment["BLENDLAB_UPDATE_GOLDEN"] == "1" {
        try Data(text.utf8).write(to: path)
        return true
    }
    let expected = String(decoding: try Data(contentsOf: path), as: UTF8.self)
    return expected == text
}

/// Parses `html` strictly with libxml2; the parse error, or nil when it is well-formed XML.
func xmlParseError(_ html: String) -> String? { XHTMLCheck.error(in: html) }

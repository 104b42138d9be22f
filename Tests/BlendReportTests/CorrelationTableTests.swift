import BlendCore
import Foundation
import Testing
@testable import BlendReport

struct CorrelationTableTests {
    func document(diagnostics: [String: RankerDiagnostics]?) throws -> ResultDocument {
        let diagnostics = diagnostics
        return ResultDocument(
            experiment: ExperimentInfo(name: "t", description: "", baseline: nil), spec: .object([:]),
            data: DataSummary(source: "jsonl", path: "x.jsonl", candidates: ["a", "b", "c"], loaded: 2, splits: [:],
                              evaluatedSplit: "all", evaluated: 2, skipped: [:]),
            methods: [MethodInfo(key: "ranker:evil", label: "len|<script>", group: .ranker, component: nil),
                      MethodInfo(key: "llm:a", label: "a", group: .llm, component: nil)],
            metrics: [], aggregates: [:], diagnostics: diagnostics, examples: [],
            provenance: Provenance(gitCommit: "c", specHash: "h", toolVersion: "0", seed: 1, startedAt: "now", stages: []))
    }

    func diagnostics() throws -> RankerDiagnostics {
        let models: [ModelName] = ["a", "b", "c"]
        return try #require(RankerDiagnostics([
            .init(models: models, scores: [3, 2, 1], oracleRanks: [1, 2, 3]),
            .init(models: models, scores: [1, 2, 3], oracleRanks: [2, 1, 3]),
        ]))
    }

    @Test func rowsOnlyForRankersWithDiagnostics() throws {
        let table = CorrelationTable(try document(diagnostics: ["ranker:evil": try diagnostics()]))
        #expect(table.rows.count == 1)
        #expect(table.rows[0].cells.count == CorrelationTable.columns.count)
        #expect(CorrelationTable(try document(diagnostics: nil)).isEmpty)
    }

    @Test func labelsAreEscapedInBothFormats() throws {
        let doc = try document(diagnostics: ["ranker:evil": try diagnostics()])
        let markdown = MarkdownReport.render(doc)
        #expect(markdown.contains("## Ranker correlation with the oracle"))
        #expect(markdown.contains("| len\\|&lt;script&gt; |"))
        let html = HTMLReport.render(doc)
        #expect(html.contains("<td>len|&lt;script&gt;</td>"))
        #expect(!html.contains("<script>"))
    }

    @Test func documentsWithoutDiagnosticsStillDecode() throws {
        let data = try ResultFiles.encode(try document(diagnostics: nil))
        #expect(!String(decoding: data, as: UTF8.self).contains("diagnostics"))
        let decoded = try JSONDecoder().decode(ResultDocument.self, from: data)
        #expect(decoded.diagnostics == nil)
        let withDiagnostics = try document(diagnostics: ["ranker:evil": try diagnostics()])
        #expect(try JSONDecoder().decode(ResultDocument.self, from: try ResultFiles.encode(withDiagnostics)) == withDiagnostics)
    }
}

@Test("the best value per column is bold, oracle rows excluded")
func correlationBest() throws {
    var document = try richDocument()
    let models: [ModelName] = ["model-a", "b"]
    let perfect = try #require(RankerDiagnostics([
        .init(models: models, scores: [2, 1], oracleRanks: [1, 2]), .init(models: models, scores: [1, 2], oracleRanks: [2, 1]),
        .init(models: models, scores: [1, 2], oracleRanks: [2, 1]),
    ]))
    document.diagnostics?["ranker:pr-wins"] = perfect
    document.diagnostics?["ranker:oracle"] = perfect
    let table = CorrelationTable(document)
    #expect(table.rows.map(\.label) == ["oracle", "pair-ranker (max-logits)", "pair-ranker (max-wins)"])
    #expect(table.rows[0].isBest.allSatisfy { !$0 })
    #expect(table.rows[2].isBest[0] && !table.rows[1].isBest[0])   // Pearson: 100 beats 50
    #expect(table.plain.latex.contains("\\textbf{100.0}"))
}

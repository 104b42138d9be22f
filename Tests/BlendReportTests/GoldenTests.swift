import BlendCore
import BlendReport
import Testing

// Golden files pin the Markdown and LaTeX output of a small hand-made document with every table.
// After an intended change: BLENDLAB_UPDATE_GOLDEN=1 swift test ... --filter GoldenTests, then review the diff.
struct GoldenTests {
    @Test("golden Markdown: grouped rows, intervals, bold best, significance mark, every section")
    func markdown() throws {
        #expect(try golden("report.md", MarkdownReport.render(try richDocument())))
    }

    @Test("golden LaTeX and CSV: booktabs tables, bold best, escaped", arguments: ["main", "correlation", "aggregation", "top-k", "efficiency", "oracle-best"])
    func tables(id: String) throws {
        let table = try #require(HTMLReport.plainTables(try richDocument()).first { $0.id == id })
        #expect(try golden("\(id).tex", table.latex))
        #expect(try golden("\(id).csv", table.csv))
    }

    @Test("sections without data are omitted")
    func omitted() throws {
        var document = try richDocument()
        document.methods = document.methods.filter { $0.group == .llm }
        document.diagnostics = nil
        document.examples = []
        #expect(HTMLReport.plainTables(document).map(\.id) == ["main"])
        let markdown = MarkdownReport.render(document)
        for title in ["Aggregation rules", "Top-K sweep", "Comparisons versus quality", "oracle-best", "Ranker correlation"] {
            #expect(!markdown.contains(title))
        }
    }
}

import BlendCore
import BlendReport
import Testing

struct ReportSectionsTests {
    @Test("report.tables selects and orders the sections of every output: Markdown, HTML, exports")
    func selectionOrdersEveryOutput() throws {
        var document = try richDocument()
        #expect(HTMLReport.plainTables(document).map(\.id) == ["main", "correlation", "aggregation", "top-k", "efficiency", "oracle-best"])
        document.experiment.tables = ["efficiency", "main", "no-such-section"]
        #expect(HTMLReport.plainTables(document).map(\.id) == ["efficiency", "main"])
        #expect(HTMLReport.tableFiles(document) == ["tables/efficiency.tex", "tables/efficiency.csv", "tables/main.tex", "tables/main.csv"])
        let markdown = MarkdownReport.render(document)
        let efficiency = try #require(markdown.range(of: "## Comparisons versus quality")), main = try #require(markdown.range(of: "## Main table"))
        #expect(efficiency.lowerBound < main.lowerBound)
        #expect(!markdown.contains("## Aggregation rules") && !markdown.contains("## Ranker correlation"))
        let html = HTMLReport.render(document)
        #expect(html.contains("<h2>Comparisons versus quality</h2>") && !html.contains("<h2>Top-K sweep</h2>"))
        #expect(xmlParseError(html) == nil)
    }

    @Test("every section id is unique and each non-empty section's first table is named by its id")
    func idsNameTables() throws {
        let document = try richDocument()
        #expect(Set(ReportSections.ids).count == ReportSections.ids.count)
        for section in ReportSections.all where section.id != "topk-view" {
            guard let first = section.parts(document).first else { continue }
            #expect(first.table.id == section.id)
        }
    }
}

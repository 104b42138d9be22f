import BlendCore
import BlendReport
import Testing

@Suite struct UsageTableTests {
    func withUsage() -> ResultDocument {
        var d = document()
        d.usage = [UsageRecord(component: "llm-judge", backend: "local", model: "<b>m|x</b>", calls: 2, cachedCalls: 1, promptTokens: 300,
                               completionTokens: 4, cachedPromptTokens: 150, cachedCompletionTokens: 2, seconds: 1.25, cost: 0.000123),
                   UsageRecord(component: "lm-score", backend: "scorer", model: "s", calls: 0, cachedCalls: 3)]
        return d
    }

    @Test func markdownHasTheTableWithTotalsEscaped() {
        let md = MarkdownReport.render(withUsage())
        #expect(md.contains("## Cost and usage\n\n| Component | Backend | Model | Calls | Cached | Prompt tokens | Completion tokens | Seconds | Mean latency s | Cost USD |\n"))
        #expect(md.contains("| llm-judge | local | &lt;b&gt;m\\|x&lt;/b&gt; | 2 | 1 | 300 | 4 | 1.3 | 0.63 | 0.0001 |\n"))
        #expect(md.contains("| lm-score | scorer | s | 0 | 3 | 0 | 0 | 0.0 | – | – |\n"))
        #expect(md.contains("| Total |  |  | 2 | 4 | 300 | 4 | 1.3 | 0.63 | 0.0001 |\n"))
    }

    @Test func htmlEscapesModelNames() {
        let html = HTMLReport.render(withUsage())
        #expect(html.contains("<h2>Cost and usage</h2>"))
        #expect(html.contains("<td>&lt;b&gt;m|x&lt;/b&gt;</td>"))
        #expect(!html.contains("<b>m|x</b>"))
    }

    @Test func noUsageNoTable() {
        #expect(!MarkdownReport.render(document()).contains("Cost and usage"))
    }
}

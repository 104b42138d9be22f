import BlendCore
import BlendReport
import Testing

func document(label: String = "model-a") -> ResultDocument {
    ResultDocument(
        experiment: ExperimentInfo(name: "golden", description: "A tiny document.", baseline: "llm:\(label)"),
        spec: .object([:]),
        data: DataSummary(source: "jsonl", path: "d.jsonl", candidates: [ModelName(label), "b"], loaded: 3, splits: ["all": 3],
                          evaluatedSplit: "all", evaluated: 3, skipped: ["empty output": 1]),
        methods: [MethodInfo(key: "llm:\(label)", label: label, group: .llm, component: nil),
                  MethodInfo(key: "llm:b", label: "b", group: .llm, component: nil),
                  MethodInfo(key: "ranker:oracle", label: "oracle", group: .oracle, component: nil)],
        metrics: [MetricInfo(id: "oracle-rank", label: "GPT-Rank", higherIsBetter: false, component: .null)],
        aggregates: ["llm:\(label)": ["oracle-rank": Aggregate(mean: 1.5, low: 1, high: 2, count: 3, pValue: nil)],
                     "llm:b": ["oracle-rank": Aggregate(mean: 1.25, low: 1, high: 1.5, count: 3, pValue: 0.01)],
                     "ranker:oracle": ["oracle-rank": Aggregate(mean: 1, low: 1, high: 1, count: 3, pValue: 0.2)]],
        examples: [],
        provenance: Provenance(gitCommit: "abc", specHash: String(repeating: "f", count: 64), toolVersion: "0.1.0", seed: 1,
                               startedAt: "2026-11-29T00:00:00Z", stages: []))
}

@Test("hostile names are inert in Markdown and HTML")
func hostileNames() {
    let hostile = "<script>alert(1)</script>|`x`\n<img src=x onerror=alert(2)>"
    let markdown = MarkdownReport.render(document(label: hostile))
    #expect(!markdown.contains("<script>"))
    #expect(!markdown.contains("<img"))
    #expect(markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt;\\|\\`x\\` &lt;img src=x onerror=alert(2)&gt;"))
    let html = HTMLReport.render(document(label: hostile))
    #expect(!html.contains("<script>"))
    #expect(!html.contains("<img"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;|`x`\n&lt;img src=x onerror=alert(2)&gt;"))
}

@Test("escaping for HTML and Markdown cells")
func escaping() {
    #expect(Escape.html(#"a&b<c>"d"'e"#) == "a&amp;b&lt;c&gt;&quot;d&quot;&#39;e")
    #expect(Escape.markdownCell("a|b\nc*d") == "a\\|b c\\*d")
}

@Test("escaping for LaTeX: the special characters, brackets and \\input become text")
func latexEscaping() {
    #expect(Escape.latex(##"\input{x} #%&_$~^"##) == ##"\textbackslash{}input\{x\} \#\%\&\_\$\textasciitilde{}\textasciicircum{}"##)
    #expect(Escape.latex("[a]<b>|c\nd") == "{[}a{]}\\textless{}b\\textgreater{}\\textbar{}c d")
    #expect(Escape.latex("GPT-Rank ↓ †") == "GPT-Rank $\\downarrow$ \\dag{}")
}

@Test("escaping for CSV (RFC 4180): quoted only where needed, inner quotes doubled")
func csvEscaping() {
    #expect(Escape.csvField("plain") == "plain")
    #expect(Escape.csvField("a,b") == "\"a,b\"")
    #expect(Escape.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(Escape.csvField("two\nlines") == "\"two\nlines\"")
    #expect(Escape.csvField("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
    #expect(Escape.csvField("@SUM(A1)") == "'@SUM(A1)" && Escape.csvField("+cmd|' /C calc'!A0") == "'+cmd|' /C calc'!A0")
    #expect(Escape.csvField("-0.25 [-0.5, 0.1]") == "\"-0.25 [-0.5, 0.1]\"", "a negative number stays a number")
}

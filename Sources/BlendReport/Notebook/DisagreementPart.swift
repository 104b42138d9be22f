import BlendCore

/// A notebook's `examples:` cell: the first `limit` examples where two methods select different
/// candidates (or one writes a new text), each rendered as in the example browser (`<details>`
/// with the instruction, every method's selection and the candidates' texts when the
/// experiment's examples.json is present), and in Markdown as a table of the two picks.
public enum DisagreementPart {
    public static func part(_ document: ResultDocument, texts: ExampleTexts?, first: MethodInfo, second: MethodInfo,
                            limit: Int, anchor: String) -> ReportSection.Part {
        let byID = texts?.byID ?? [:]
        let differing = document.examples.enumerated().filter { _, e in
            let x = e.outcomes[first.key], y = e.outcomes[second.key]
            return x != nil && y != nil && (x?.selected != y?.selected || x?.selected == nil)
        }
        let shown = differing.prefix(limit)
        let title = "\(first.label) vs \(second.label): \(differing.count) of \(document.examples.count) examples differ"
        func pick(_ method: MethodInfo, _ e: ExampleResult) -> String {
            guard let s = e.outcomes[method.key]?.selected else { return "new text" }
            let rank = e.oracleRanks[safe: s].map { " (oracle rank \($0))" } ?? ""
            return (e.candidates[safe: s]?.rawValue ?? "?") + rank
        }
        let table = PlainTable(id: "examples", caption: title, header: ["Example", "Instruction", first.label, second.label],
                               groups: [PlainTable.Group(title: nil, rows: shown.map { _, e in
                                   [PlainTable.Cell(e.id.rawValue), PlainTable.Cell(byID[e.id].map { String($0.instruction.prefix(80)) } ?? ""),
                                    PlainTable.Cell(pick(first, e)), PlainTable.Cell(pick(second, e))]
                               })])
        let legend = texts == nil ? "Texts are not shown: the experiment's examples.json is absent (a run writes it)."
            : "Candidates best first by the oracle (rank 1 = best)."
        var html = table.html
        for (i, e) in shown { html += ExampleBrowser.exampleSection(e, index: i, entry: byID[e.id], document: document, anchor: anchor) }
        html += "<p class=\"legend\">\(Escape.html(legend))</p>\n"
        return ReportSection.Part(title: title, table: table, legend: legend, html: html)
    }
}

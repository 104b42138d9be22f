import BlendCore

/// `index.html`: a self-contained page (inline CSS, inline SVG plots, no scripts, no external
/// assets) with the experiment's tables and plots. Every text from data or the experiment file
/// is HTML-escaped; the markup is XHTML-compatible.
public enum HTMLReport {
    public static func render(_ document: ResultDocument) -> String {
        var body = "<nav><a href=\"../index.html\">all experiments</a><a href=\"examples.html\">examples</a>"
            + "<a href=\"report.md\">report.md</a><a href=\"result.json\">result.json</a></nav>\n"
        body += "<h1>\(Escape.html(document.experiment.name))</h1>\n"
        if !document.experiment.description.isEmpty { body += "<p>\(Escape.html(document.experiment.description))</p>\n" }
        if let notes = document.experiment.notes { body += TextBlock.html(notes, className: "notes") }
        body += "<p>\(MarkdownReport.dataLine(document, escape: Escape.html))</p>\n"
        body += mainTable(MainTable(document))
        let correlations = CorrelationTable(document)
        if !correlations.isEmpty { body += section("Ranker correlation with the oracle", correlations.plain, CorrelationTable.legend) }
        let aggregation = AggregationTable(document)
        if !aggregation.isEmpty { body += section("Aggregation rules", aggregation.plain, AggregationTable.legend) }
        let topK = TopKTable(document)
        if !topK.isEmpty {
            body += section("Top-K sweep", topK.plain, TopKTable.legend, plots: topK.svgs)
        }
        let efficiency = EfficiencyTable(document)
        if !efficiency.isEmpty {
            body += section("Comparisons versus quality", efficiency.plain, EfficiencyTable.legend, plots: efficiency.svg.map { [$0] } ?? [])
        }
        let share = OracleShareTable(document)
        if !share.isEmpty {
            body += "<h2>Which model is oracle-best</h2>\n<figure>\n\(share.svg)</figure>\n"
                + "<details><summary>as a table</summary>\n\(share.plain.html)</details>\n"
                + "<p class=\"legend\">\(Escape.html(OracleShareTable.legend))</p>\n"
        }
        let training = TrainingTable(document)
        if !training.isEmpty { body += section("Training", training.plain, TrainingTable.legend) }
        let learned = LearnedWeightsTable(document)
        if !learned.isEmpty { body += section("Learned weights", learned.plain, LearnedWeightsTable.legend) }
        for view in TopKViewTable.all(document) { body += section(view.title, view.plain, view.legend, plots: view.svgs) }
        body += "<h2>Downloads</h2>\n<p>" + tableFiles(document).map { "<a href=\"\($0)\">\($0)</a>" }.joined(separator: " · ") + "</p>\n"
        if let usage = document.usage, !usage.isEmpty { body += UsageTable.html(usage) }
        if let reading = document.experiment.reading, !TextBlock.paragraphs(reading).isEmpty {
            body += "<h2>Reading</h2>\n" + TextBlock.html(reading)
        }
        body += "<p class=\"legend\">\(MarkdownReport.provenanceLine(document, escape: Escape.html))</p>\n"
        return HTMLPage.render(title: document.experiment.name, body: body)
    }

    /// Every table of `document` as plain tables, in page order; the LaTeX and CSV exports.
    public static func plainTables(_ document: ResultDocument) -> [PlainTable] {
        var tables = [MainTable(document).plain]
        let correlations = CorrelationTable(document), aggregation = AggregationTable(document)
        let topK = TopKTable(document), efficiency = EfficiencyTable(document), share = OracleShareTable(document)
        if !correlations.isEmpty { tables.append(correlations.plain) }
        if !aggregation.isEmpty { tables.append(aggregation.plain) }
        if !topK.isEmpty { tables.append(topK.plain) }
        if !efficiency.isEmpty { tables.append(efficiency.plain) }
        if !share.isEmpty { tables.append(share.plain) }
        let training = TrainingTable(document)
        if !training.isEmpty { tables.append(training.plain) }
        let learned = LearnedWeightsTable(document)
        if !learned.isEmpty { tables.append(learned.plain) }
        tables += TopKViewTable.all(document).map(\.plain)
        return tables
    }

    /// Relative paths of the exported table files (`tables/main.tex`, `tables/main.csv`, ...).
    public static func tableFiles(_ document: ResultDocument) -> [String] {
        plainTables(document).flatMap { ["tables/\($0.id).tex", "tables/\($0.id).csv"] }
    }

    static func section(_ title: String, _ table: PlainTable, _ legend: String, plots: [String] = []) -> String {
        "<h2>\(Escape.html(title))</h2>\n" + plots.map { "<figure>\n\($0)</figure>\n" }.joined()
            + table.html + "<p class=\"legend\">\(Escape.html(legend))</p>\n"
    }

    static func mainTable(_ table: MainTable) -> String {
        var body = "<h2>Main table</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th>Method</th>"
        for column in table.columns { body += "<th>\(Escape.html(column.label)) \(column.higherIsBetter ? "↑" : "↓")</th>" }
        body += "</tr></thead>\n<tbody>\n"
        for group in table.groups {
            body += "<tr class=\"group\"><th colspan=\"\(table.columns.count + 1)\">\(Escape.html(group.title))</th></tr>\n"
            for row in group.rows {
                body += "<tr><td>\(Escape.html(row.label))\(row.isBaseline ? " <small>(baseline)</small>" : "")</td>"
                for cell in row.cells {
                    guard let cell else { body += "<td>–</td>"; continue }
                    let mean = cell.isBest ? "<b>\(cell.mean)</b>" : cell.mean
                    let title = cell.pValue.map { " title=\"p = \(Escape.html($0))\"" } ?? ""
                    body += "<td\(title)>\(mean) <small>\(cell.interval)</small>\(cell.isSignificant ? " †" : "")</td>"
                }
                body += "</tr>\n"
            }
        }
        return body + "</tbody></table></div>\n<p class=\"legend\">\(Escape.html(table.legend { $0 }))</p>\n"
    }

    /// The shared page shell; kept for callers of the earlier API.
    public static func page(title: String, body: String) -> String { HTMLPage.render(title: title, body: body) }
}

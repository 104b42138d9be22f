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
        for part in ReportSections.parts(document) { body += "<h2>\(Escape.html(part.title))</h2>\n" + part.htmlBody }
        body += "<h2>Downloads</h2>\n<p>" + tableFiles(document).map { "<a href=\"\($0)\">\($0)</a>" }.joined(separator: " · ") + "</p>\n"
        if let usage = document.usage, !usage.isEmpty { body += UsageTable.html(usage) }
        if let reading = document.experiment.reading, !TextBlock.paragraphs(reading).isEmpty {
            body += "<h2>Reading</h2>\n" + TextBlock.html(reading)
        }
        body += "<p class=\"legend\">\(MarkdownReport.provenanceLine(document, escape: Escape.html))</p>\n"
        return HTMLPage.render(title: document.experiment.name, body: body)
    }

    /// The tables of the sections `document` shows, as plain tables in page order: the LaTeX and CSV exports.
    public static func plainTables(_ document: ResultDocument) -> [PlainTable] {
        ReportSections.parts(document).map(\.table)
    }

    /// Relative paths of the exported table files (`tables/main.tex`, `tables/main.csv`, ...).
    public static func tableFiles(_ document: ResultDocument) -> [String] {
        plainTables(document).flatMap { ["tables/\($0.id).tex", "tables/\($0.id).csv"] }
    }

    static func mainTable(_ table: MainTable) -> String {
        var body = "<div class=\"scroll\"><table>\n<thead><tr><th>Method</th>"
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

import BlendCore

/// `index.html`: a self-contained page (inline CSS, no scripts, no external assets) with the
/// experiment's tables. Every text from data or the experiment file is HTML-escaped.
public enum HTMLReport {
    public static func render(_ document: ResultDocument) -> String {
        let table = MainTable(document)
        var body = "<h1>\(Escape.html(document.experiment.name))</h1>\n"
        if !document.experiment.description.isEmpty { body += "<p>\(Escape.html(document.experiment.description))</p>\n" }
        body += "<p>\(MarkdownReport.dataLine(document, escape: Escape.html))</p>\n"
        body += "<h2>Main table</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th>Method</th>"
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
        body += "</tbody></table></div>\n<p class=\"legend\">\(table.legend(escape: Escape.html))</p>\n"
        if let usage = document.usage, !usage.isEmpty { body += UsageTable.html(usage) }
        body += "<p class=\"legend\">\(Escape.html(MarkdownReport.provenanceLine(document)))</p>\n"
        return page(title: document.experiment.name, body: body)
    }

    /// A complete HTML5 page around `body` with the shared inline style.
    public static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Escape.html(title)) · blendlab</title>
        <style>
        body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5rem auto; max-width: 72rem; padding: 0 1rem; color: #1b1b1b; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
        th, td { padding: .3rem .6rem; border-bottom: 1px solid #ddd; text-align: right; white-space: nowrap; }
        th:first-child, td:first-child { text-align: left; }
        tr.group th { text-align: left; background: #f3f3f3; font-style: italic; }
        small { color: #666; }
        .scroll { overflow-x: auto; }
        .legend { color: #555; font-size: 13px; }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }
}

import Foundation

/// Markdown and HTML renderings of a plain table, for the tables that have no bespoke layout.
extension PlainTable {
    /// A GitHub table; every cell escaped with `Escape.markdownCell`, group titles as italic rows.
    public var markdown: String {
        var out = "| " + header.map(Escape.markdownCell).joined(separator: " | ") + " |\n"
        out += "|---|" + String(repeating: "---|", count: max(header.count - 1, 0)) + "\n"
        for group in groups {
            if let title = group.title {
                out += "| ***\(Escape.markdownCell(title))*** |" + String(repeating: " |", count: max(header.count - 1, 0)) + "\n"
            }
            for row in group.rows {
                out += "| " + row.map { ($0.isBold ? "**\(Escape.markdownCell($0.text))**" : Escape.markdownCell($0.text)) + Escape.markdownCell($0.suffix) }.joined(separator: " | ") + " |\n"
            }
        }
        return out
    }

    /// A scrolling HTML table; every cell escaped with `Escape.html`.
    public var html: String {
        var out = "<div class=\"scroll\"><table>\n<thead><tr>" + header.map { "<th>\(Escape.html($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for group in groups {
            if let title = group.title { out += "<tr class=\"group\"><th colspan=\"\(header.count)\">\(Escape.html(title))</th></tr>\n" }
            for row in group.rows {
                out += "<tr>" + row.map { c in
                    "<td>" + (c.isBold ? "<b>\(Escape.html(c.text))</b>" : Escape.html(c.text))
                        + (c.suffix.isEmpty ? "" : " <small>\(Escape.html(c.suffix.trimmingCharacters(in: .whitespaces)))</small>") + "</td>"
                }.joined() + "</tr>\n"
            }
        }
        return out + "</tbody></table></div>\n"
    }
}

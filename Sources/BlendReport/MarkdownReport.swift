import BlendCore

/// `report.md`: the experiment's tables in GitHub-flavoured Markdown. Every name read from data
/// or the experiment file is escaped for a table cell.
public enum MarkdownReport {
    public static func render(_ document: ResultDocument) -> String {
        let table = MainTable(document)
        var out = "# \(Escape.markdownCell(document.experiment.name))\n\n"
        if !document.experiment.description.isEmpty { out += Escape.markdownCell(document.experiment.description) + "\n\n" }
        out += dataLine(document) + "\n\n"
        out += "## Main table\n\n"
        out += "| Method | " + table.columns.map { "\(Escape.markdownCell($0.label)) \($0.higherIsBetter ? "↑" : "↓")" }.joined(separator: " | ") + " |\n"
        out += "|---|" + String(repeating: "---|", count: table.columns.count) + "\n"
        for group in table.groups {
            out += "| ***\(Escape.markdownCell(group.title))*** |" + String(repeating: " |", count: table.columns.count) + "\n"
            for row in group.rows {
                let label = Escape.markdownCell(row.label) + (row.isBaseline ? " (baseline)" : "")
                let cells = row.cells.map { cell -> String in
                    guard let cell else { return "–" }
                    let mean = cell.isBest ? "**\(cell.mean)**" : cell.mean
                    return "\(mean) \(cell.interval)\(cell.isSignificant ? " †" : "")"
                }
                out += "| \(label) | " + cells.joined(separator: " | ") + " |\n"
            }
        }
        out += "\n" + table.legend(escape: Escape.markdownCell) + "\n\n"
        if let usage = document.usage, !usage.isEmpty { out += UsageTable.markdown(usage) + "\n" }
        out += provenanceLine(document) + "\n"
        return out
    }

    /// One sentence about the data; `escape` makes each untrusted field safe for the format.
    static func dataLine(_ d: ResultDocument, escape: @escaping (String) -> String = Escape.markdownCell) -> String {
        var line = "Data: \(escape(d.data.source)) at \(escape(d.data.path)), "
            + "\(d.data.loaded) examples loaded, \(d.data.evaluated) evaluated (part: \(escape(d.data.evaluatedSplit))), "
            + "\(d.data.candidates.count) candidates."
        if !d.data.skipped.isEmpty {
            line += " Skipped: " + d.data.skipped.keys.sorted().map { "\(escape($0)) (\(d.data.skipped[$0]!))" }.joined(separator: "; ") + "."
        }
        return line
    }

    static func provenanceLine(_ d: ResultDocument) -> String {
        "Provenance: blendlab \(d.provenance.toolVersion), commit \(d.provenance.gitCommit), spec hash \(d.provenance.specHash.prefix(12)), seed \(d.provenance.seed)."
    }
}

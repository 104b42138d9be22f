import BlendCore

/// `report.md`: the experiment's tables in GitHub-flavoured Markdown. Every name read from data
/// or the experiment file is escaped for a table cell. Plots live in index.html (GitHub strips
/// inline SVG); the oracle-best shares appear here as a table.
public enum MarkdownReport {
    public static func render(_ document: ResultDocument) -> String {
        var out = "# \(Escape.markdownCell(document.experiment.name))\n\n"
        if !document.experiment.description.isEmpty { out += Escape.markdownCell(document.experiment.description) + "\n\n" }
        if let notes = document.experiment.notes, !TextBlock.paragraphs(notes).isEmpty { out += "**Notes.** " + TextBlock.markdown(notes) }
        out += dataLine(document) + "\n\n"
        for part in ReportSections.parts(document) { out += "## \(Escape.markdownCell(part.title))\n\n" + part.markdownBody }
        out += "Plots and the example browser: index.html and examples.html; LaTeX and CSV tables under tables/.\n\n"
        if let usage = document.usage, !usage.isEmpty { out += UsageTable.markdown(usage) + "\n" }
        if let reading = document.experiment.reading, !TextBlock.paragraphs(reading).isEmpty { out += "## Reading\n\n" + TextBlock.markdown(reading) }
        out += provenanceLine(document) + "\n"
        return out
    }

    /// The main table's body: grouped rows, bold best, intervals and marks, then its legend.
    static func mainTable(_ table: MainTable) -> String {
        var out = "| Method | " + table.columns.map { "\(Escape.markdownCell($0.label)) \($0.higherIsBetter ? "↑" : "↓")" }.joined(separator: " | ") + " |\n"
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
        return out + "\n" + table.legend(escape: Escape.markdownCell) + "\n\n"
    }

    /// One sentence about the data; `escape` makes each untrusted field safe for the format.
    static func dataLine(_ d: ResultDocument, escape: @escaping (String) -> String = Escape.markdownCell) -> String {
        var line = "Data: \(escape(d.data.source)) at \(escape(d.data.path)), "
            + "\(d.data.loaded) examples loaded, \(d.data.evaluated) evaluated (part: \(escape(d.data.evaluatedSplit))), "
            + "\(d.data.candidates.count) candidates."
        if !d.data.skipped.isEmpty {
            line += " Skipped: " + d.data.skipped.sorted { $0.key < $1.key }.map { "\(escape($0.key)) (\($0.value))" }.joined(separator: "; ") + "."
        }
        if let dropped = d.data.droppedCandidates, !dropped.isEmpty {
            line += " Candidates dropped: " + dropped.sorted { $0.key < $1.key }.map { "\(escape($0.key)) (\($0.value))" }.joined(separator: "; ") + "."
        }
        if let empty = d.data.emptyAnswers, empty > 0 {
            line += " Empty answers kept as candidates: \(empty)."
        }
        return line
    }

    static func provenanceLine(_ d: ResultDocument, escape: (String) -> String = Escape.markdownCell) -> String {
        let p = d.provenance
        return "Provenance: blendlab \(escape(p.toolVersion)), commit \(escape(p.gitCommit)), spec hash \(escape(String(p.specHash.prefix(12)))), seed \(p.seed)."
    }
}

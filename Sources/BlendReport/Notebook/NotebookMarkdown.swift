import BlendCore

/// `results/notebooks/NAME/README.md`: the notebook for GitHub: prose as written with each
/// `{{ ... }}` replaced by its value, each cell's tables as Markdown tables, its plots as SVG
/// files beside the README (`plots/cell-N-K.svg`), its provenance or its error in place.
public enum NotebookMarkdown {
    /// The README text and the plot files (relative path, SVG) it links.
    public static func render(_ page: NotebookPage) -> (text: String, files: [(path: String, text: String)]) {
        var out = "", files: [(String, String)] = []
        for block in page.blocks {
            switch block {
            case .prose(let text):
                out += substitute(text, values: page.values)
            case .cell(let cell):
                out += "\n<!-- cell \(cell.index): \(Escape.html(page.file)) line \(cell.line) -->\n\n"
                if let error = cell.error {
                    out += "> **This cell failed.** \(Escape.markdownParagraph(error))\n\n"
                }
                var plot = 0
                for part in cell.parts {
                    out += "#### \(Escape.markdownCell(part.title))\n\n"
                    for svg in part.plots {
                        plot += 1
                        let path = "plots/cell-\(cell.index)-\(plot).svg"
                        files.append((path, svg))
                        out += "![\(Escape.markdownCell(part.title))](\(path))\n\n"
                    }
                    out += part.markdownBody
                }
                if !cell.provenance.isEmpty {
                    out += cell.provenance.map { "*Provenance: \(Escape.markdownCell($0.line))*" }.joined(separator: "  \n") + "\n\n"
                }
            }
        }
        return (out, files)
    }

    /// The prose with every `{{ reference }}` replaced by its value (escaped) or its error.
    static func substitute(_ text: String, values: [String: NotebookPage.Value]) -> String {
        var out = "", rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            out += rest[..<open.lowerBound]
            let reference = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            let value = values[reference]
            out += value?.text.map(Escape.markdownCell) ?? "**[\(Escape.markdownCell(value?.error ?? "unresolved {{ \(reference) }}"))]**"
            rest = rest[close.upperBound...]
        }
        return out + rest
    }
}

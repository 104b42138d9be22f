import BlendCore

/// `results/notebooks/NAME/index.html`: the notebook as one self-contained page in the pages'
/// style (inline CSS and SVG, no scripts): prose, then each cell's output in a `<section
/// class="cell">` with its source, its provenance, or its error in place.
public enum NotebookHTML {
    public static func render(_ page: NotebookPage) -> String {
        var body = "<nav><a href=\"../../index.html\">all results</a><a href=\"README.md\">README.md</a></nav>\n"
        for block in page.blocks {
            switch block {
            case .prose(let text):
                body += ProseMarkdown.html(text) { reference in value(page.values[reference], reference: reference) }
            case .cell(let cell):
                body += self.cell(cell, file: page.file)
            }
        }
        return HTMLPage.render(title: page.title, body: body, extraStyle: style)
    }

    static func value(_ value: NotebookPage.Value?, reference: String) -> String {
        if let text = value?.text { return "<span class=\"value\" title=\"\(Escape.html(reference))\">\(Escape.html(text))</span>" }
        return "<span class=\"error\" role=\"alert\">\(Escape.html(value?.error ?? "unresolved value {{ \(reference) }}"))</span>"
    }

    static func cell(_ cell: NotebookPage.Cell, file: String) -> String {
        var out = "<section class=\"cell\" id=\"cell-\(cell.index)\" data-cell=\"\(cell.index)\">\n"
        out += "<details class=\"source\"><summary>cell \(cell.index) · \(Escape.html(file)) line \(cell.line) · \(Escape.html(cell.summary))</summary>\n"
            + "<pre>\(Escape.html(cell.source))</pre></details>\n"
        if let error = cell.error {
            out += "<div class=\"error\" role=\"alert\"><b>This cell failed.</b> \(Escape.html(error))</div>\n"
        }
        for part in cell.parts { out += "<h3>\(Escape.html(part.title))</h3>\n" + part.htmlBody }
        if !cell.provenance.isEmpty {
            out += "<p class=\"provenance legend\">" + cell.provenance.map { Escape.html($0.line) }.joined(separator: "<br/>") + "</p>\n"
        }
        return out + "</section>\n"
    }

    static let style = """
        section.cell { border-left: 3px solid #d0dcea; padding: .2rem 0 .2rem .9rem; margin: 1.2rem 0; }
        section.cell h3 { font-size: 1.02rem; margin: .8rem 0 .4rem; }
        details.source { border: none; font-size: 13px; color: #555; }
        .error { color: #a40000; background: #fdf0f0; border: 1px solid #e8b4b4; padding: .4rem .6rem; display: inline-block; }
        span.error { padding: 0 .3rem; display: inline; }
        span.value { font-variant-numeric: tabular-nums; background: #f1f6fb; padding: 0 .2rem; }
        blockquote { border-left: 3px solid #e4e4e4; margin: .8rem 0; padding-left: .8rem; color: #444; }
        """
}

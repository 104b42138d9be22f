import BlendCore
import Foundation

/// `results/index.html` and `results/README.md`: every experiment under the results folder with
/// its date, spec hash, commit and links. Relative links only, so the folder works as a static
/// site wherever it is served.
public enum SiteIndex {
    public struct Entry: Sendable {
        public var name: String
        public var document: ResultDocument
    }

    /// Characters left as they are in a link to an experiment folder: URL path characters except
    /// those that end a Markdown link target or start a query or fragment.
    static let linkSafe = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "()?#;"))

    /// Reads every `<results>/<name>/result.json`, sorted by name.
    public static func entries(in results: String) -> [Entry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: results)) ?? []
        return names.sorted().compactMap { name in
            let dir = (results as NSString).appendingPathComponent(name)
            guard let document = try? ResultFiles.read(from: dir) else { return nil }
            return Entry(name: name, document: document)
        }
    }

    /// A rendered notebook under `<results>/notebooks/<name>/`.
    public struct NotebookEntry: Sendable {
        public var name: String
        /// The first `# ` heading of its README.md, else the name.
        public var title: String
    }

    /// Every `<results>/notebooks/<name>/` with an index.html, sorted by name.
    public static func notebooks(in results: String) -> [NotebookEntry] {
        let root = (results as NSString).appendingPathComponent("notebooks")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.sorted().compactMap { name in
            let dir = (root as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: (dir as NSString).appendingPathComponent("index.html")) else { return nil }
            let readme = (try? String(contentsOfFile: (dir as NSString).appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
            let title = readme.split(separator: "\n").first { $0.hasPrefix("# ") }.map { $0.dropFirst(2).trimmingCharacters(in: .whitespaces) }
            return NotebookEntry(name: name, title: title ?? name)
        }
    }

    public static func html(_ entries: [Entry], notebooks: [NotebookEntry] = []) -> String {
        var body = "<h1>blendlab results</h1>\n"
        if !notebooks.isEmpty {
            body += "<h2>Notebooks</h2>\n<ul>\n" + notebooks.map { n in
                let link = Escape.html(n.name.addingPercentEncoding(withAllowedCharacters: linkSafe) ?? n.name)
                return "<li><a href=\"notebooks/\(link)/index.html\">\(Escape.html(n.title))</a> "
                    + "<small>(<a href=\"notebooks/\(link)/README.md\">README.md</a>)</small></li>\n"
            }.joined() + "</ul>\n<h2>Experiments</h2>\n"
        }
        body += "<p class=\"legend\">Every experiment under this folder. Links are relative, so the folder "
            + "works as a static site.</p>\n<div class=\"scroll\"><table class=\"index\">\n<thead><tr><th>Experiment</th><th>Date</th><th>Examples</th>"
            + "<th>Spec hash</th><th>Commit</th><th>Pages</th><th>Tables</th></tr></thead>\n<tbody>\n"
        for e in entries {
            let p = e.document.provenance
            let link = Escape.html(e.name.addingPercentEncoding(withAllowedCharacters: linkSafe) ?? e.name)
            let tables = HTMLReport.plainTables(e.document).map { t in
                "\(Escape.html(t.id)) (<a href=\"\(link)/tables/\(Escape.html(t.id)).tex\">tex</a>, <a href=\"\(link)/tables/\(Escape.html(t.id)).csv\">csv</a>)"
            }
            body += "<tr><td><a href=\"\(link)/index.html\">\(Escape.html(e.name))</a></td><td>\(Escape.html(p.startedAt))</td>"
                + "<td>\(e.document.data.evaluated)</td><td><code>\(Escape.html(String(p.specHash.prefix(12))))</code></td>"
                + "<td><code>\(Escape.html(String(p.gitCommit.prefix(12))))</code></td>"
                + "<td><a href=\"\(link)/index.html\">tables</a> · <a href=\"\(link)/examples.html\">examples</a> · "
                + "<a href=\"\(link)/report.md\">report.md</a> · <a href=\"\(link)/result.json\">result.json</a></td>"
                + "<td class=\"text\">\(tables.joined(separator: " · "))</td></tr>\n"
        }
        body += "</tbody></table></div>\n"
        return HTMLPage.render(title: "results", body: body)
    }

    public static func markdown(_ entries: [Entry], notebooks: [NotebookEntry] = []) -> String {
        var out = "# blendlab results\n\n"
        if !notebooks.isEmpty {
            out += "## Notebooks\n\n" + notebooks.map { n in
                "- [\(Escape.markdownCell(n.title))](notebooks/\(n.name.addingPercentEncoding(withAllowedCharacters: linkSafe) ?? n.name)/README.md)\n"
            }.joined() + "\n## Experiments\n\n"
        }
        out += "| Experiment | Date | Examples | Spec hash | Commit |\n|---|---|---|---|---|\n"
        for e in entries {
            let p = e.document.provenance
            let link = e.name.addingPercentEncoding(withAllowedCharacters: linkSafe) ?? e.name
            out += "| [\(Escape.markdownCell(e.name))](\(link)/report.md) | \(Escape.markdownCell(p.startedAt)) | \(e.document.data.evaluated) | "
                + "\(Escape.markdownCell(String(p.specHash.prefix(12)))) | \(Escape.markdownCell(String(p.gitCommit.prefix(12)))) |\n"
        }
        return out
    }

    /// Writes index.html and README.md into `results`, notebooks first; returns how many experiments it lists.
    @discardableResult
    public static func publish(results: String) throws -> Int {
        let list = entries(in: results), books = notebooks(in: results)
        try ResultFiles.writeAtomically(Data(html(list, notebooks: books).utf8), to: (results as NSString).appendingPathComponent("index.html"))
        try ResultFiles.writeAtomically(Data(markdown(list, notebooks: books).utf8), to: (results as NSString).appendingPathComponent("README.md"))
        return list.count
    }
}

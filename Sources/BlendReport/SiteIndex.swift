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

    /// Reads every `<results>/<name>/result.json`, sorted by name.
    public static func entries(in results: String) -> [Entry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: results)) ?? []
        return names.sorted().compactMap { name in
            let dir = (results as NSString).appendingPathComponent(name)
            guard let document = try? ResultFiles.read(from: dir) else { return nil }
            return Entry(name: name, document: document)
        }
    }

    public static func html(_ entries: [Entry]) -> String {
        var body = "<h1>blendlab results</h1>\n<div class=\"scroll\"><table>\n<thead><tr><th>Experiment</th><th>Date</th><th>Examples</th><th>Spec hash</th><th>Commit</th><th>Pages</th></tr></thead>\n<tbody>\n"
        for e in entries {
            let p = e.document.provenance
            let link = Escape.html(e.name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? e.name)
            body += "<tr><td><a href=\"\(link)/index.html\">\(Escape.html(e.name))</a></td><td>\(Escape.html(p.startedAt))</td>"
                + "<td>\(e.document.data.evaluated)</td><td><code>\(Escape.html(String(p.specHash.prefix(12))))</code></td>"
                + "<td><code>\(Escape.html(p.gitCommit))</code></td>"
                + "<td><a href=\"\(link)/report.md\">report.md</a> · <a href=\"\(link)/result.json\">result.json</a></td></tr>\n"
        }
        body += "</tbody></table></div>\n"
        return HTMLReport.page(title: "results", body: body)
    }

    public static func markdown(_ entries: [Entry]) -> String {
        var out = "# blendlab results\n\n| Experiment | Date | Examples | Spec hash | Commit |\n|---|---|---|---|---|\n"
        for e in entries {
            let p = e.document.provenance
            out += "| [\(Escape.markdownCell(e.name))](\(e.name)/report.md) | \(p.startedAt) | \(e.document.data.evaluated) | `\(p.specHash.prefix(12))` | `\(Escape.markdownCell(p.gitCommit))` |\n"
        }
        return out
    }

    /// Writes index.html and README.md into `results`; returns how many experiments it lists.
    @discardableResult
    public static func publish(results: String) throws -> Int {
        let list = entries(in: results)
        try ResultFiles.writeAtomically(Data(html(list).utf8), to: (results as NSString).appendingPathComponent("index.html"))
        try ResultFiles.writeAtomically(Data(markdown(list).utf8), to: (results as NSString).appendingPathComponent("README.md"))
        return list.count
    }
}

import BlendCore

/// `examples.html`: per example, the instruction, each candidate's text with its oracle rank and
/// the methods that selected it, each method's selection with its metric values, and any new
/// text (fused output). Above them, for each pair of chosen methods (every non-LLM row), the
/// examples where the two select differently. Static HTML: `<details>` elements, no scripts.
/// Every text is HTML-escaped. Without examples.json only ids, models and ranks are shown.
public enum ExampleBrowser {
    /// Pairs of chosen methods listed in the disagreement section, at most.
    static let maxPairs = 28

    public static func render(_ document: ResultDocument, texts: ExampleTexts?) -> String {
        let byID = texts?.byID ?? [:]
        let chosen = document.methods.filter { $0.group != .llm }
        var body = "<nav><a href=\"index.html\">← tables</a><a href=\"../index.html\">all experiments</a></nav>\n"
        body += "<h1>\(Escape.html(document.experiment.name)): examples</h1>\n"
        if texts == nil { body += "<p class=\"legend\">This folder has no \(ExampleTexts.fileName); texts are not shown. Re-run the experiment to write it.</p>\n" }
        body += "<p class=\"legend\">\(document.examples.count) examples. Candidates are listed best first by the oracle (rank 1 = best).</p>\n"
        body += disagreements(document, chosen: chosen)
        body += "<h2>Examples</h2>\n"
        for (i, example) in document.examples.enumerated() {
            body += exampleSection(example, index: i, entry: byID[example.id], document: document)
        }
        return HTMLPage.render(title: "\(document.experiment.name): examples", body: body)
    }

    static func disagreements(_ document: ResultDocument, chosen: [MethodInfo]) -> String {
        guard chosen.count > 1 else { return "" }
        var out = "<h2>Where methods disagree</h2>\n"
        var pairs = 0
        for (a, first) in chosen.enumerated() {
            for second in chosen[(a + 1)...] where pairs < maxPairs {
                pairs += 1
                let differing = document.examples.enumerated().filter { _, e in
                    let x = e.outcomes[first.key], y = e.outcomes[second.key]
                    return x != nil && y != nil && (x?.selected != y?.selected || x?.selected == nil)
                }
                out += "<details><summary>\(Escape.html(first.label)) vs \(Escape.html(second.label)): "
                    + "\(differing.count) of \(document.examples.count) examples differ</summary>\n<p>"
                out += differing.map { i, e in "<a href=\"#ex-\(i)\">\(Escape.html(e.id.rawValue))</a>" }.joined(separator: " · ")
                out += "</p></details>\n"
            }
        }
        return out
    }

    static func exampleSection(_ example: ExampleResult, index: Int, entry: ExampleTexts.Entry?, document: ResultDocument,
                               anchor: String = "ex") -> String {
        let snippet = entry.map { String($0.instruction.prefix(120)) } ?? ""
        var out = "<details id=\"\(anchor)-\(index)\"><summary><b>\(Escape.html(example.id.rawValue))</b> \(Escape.html(snippet))</summary>\n"
        if let entry {
            out += "<pre>\(Escape.html(entry.instruction + (entry.input.isEmpty ? "" : "\n\n" + entry.input)))</pre>\n"
        }
        let metrics = document.metrics
        out += "<div class=\"scroll\"><table>\n<thead><tr><th>Method</th><th>Selected</th>"
            + metrics.map { "<th>\(Escape.html($0.label))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for method in document.methods where method.group != .llm {
            guard let outcome = example.outcomes[method.key] else { continue }
            let selected = outcome.selected.flatMap { $0 < example.candidates.count ? example.candidates[$0].rawValue : nil } ?? "new text"
            out += "<tr><td>\(Escape.html(method.label))</td><td>\(Escape.html(selected))</td>"
                + metrics.map { m in "<td>\(outcome.values[m.id].map(NumberFormat.value) ?? "–")</td>" }.joined() + "</tr>\n"
        }
        out += "</tbody></table></div>\n"
        let order = example.candidates.indices.sorted {
            (example.oracleRanks[safe: $0] ?? Int.max, $0) < (example.oracleRanks[safe: $1] ?? Int.max, $1)
        }
        out += "<div class=\"scroll\"><table>\n<thead><tr><th>Candidate</th><th>Oracle rank</th><th>Selected by</th><th>Text</th></tr></thead>\n<tbody>\n"
        for c in order {
            let by = document.methods.filter { $0.group != .llm && example.outcomes[$0.key]?.selected == c }.map(\.label)
            let text = entry.flatMap { $0.candidates[safe: c]?.text }
            // An empty answer is a real candidate: say so rather than show a blank cell.
            let shown = text.map { $0.allSatisfy(\.isWhitespace) ? "<em class=\"empty\">(empty answer)</em>" : "<pre>\(Escape.html($0))</pre>" } ?? "<pre></pre>"
            out += "<tr><td>\(Escape.html(example.candidates[c].rawValue))</td><td>\(example.oracleRanks[safe: c].map(String.init) ?? "–")</td>"
                + "<td class=\"text\">\(Escape.html(by.joined(separator: ", ")))</td><td class=\"text\">\(shown)</td></tr>\n"
        }
        out += "</tbody></table></div>\n"
        for (key, text) in (entry?.outputs ?? [:]).sorted(by: { $0.key < $1.key }) {
            let label = document.methods.first { $0.key == key }?.label ?? key
            out += "<p><b>Output of \(Escape.html(label))</b></p>\n<pre>\(Escape.html(text))</pre>\n"
        }
        return out + "</details>\n"
    }
}

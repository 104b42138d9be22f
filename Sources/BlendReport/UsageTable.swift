import BlendCore

/// The "Cost and usage" table: per component and model, calls (live and cached), tokens,
/// latency and cost. Every name is escaped by the caller's `escape`.
enum UsageTable {
    static let header = ["Component", "Backend", "Model", "Calls", "Cached", "Prompt tokens", "Completion tokens", "Seconds", "Mean latency s", "Cost USD"]

    /// The rows as display strings, a total row last.
    static func rows(_ usage: [UsageRecord]) -> [[String]] {
        var rows = usage.map { u in
            [u.component, u.backend, u.model, "\(u.calls)", "\(u.cachedCalls)", "\(u.promptTokens)", "\(u.completionTokens)",
             format(u.seconds, 1), u.calls > 0 ? format(u.seconds / Double(u.calls), 2) : "–", u.cost.map { format($0, 4) } ?? "–"]
        }
        let costs = usage.compactMap(\.cost)
        let seconds = usage.reduce(0) { $0 + $1.seconds }
        let calls = usage.reduce(0) { $0 + $1.calls }
        rows.append(["Total", "", "", "\(calls)", "\(usage.reduce(0) { $0 + $1.cachedCalls })",
                     "\(usage.reduce(0) { $0 + $1.promptTokens })", "\(usage.reduce(0) { $0 + $1.completionTokens })",
                     format(seconds, 1), calls > 0 ? format(seconds / Double(calls), 2) : "–",
                     costs.isEmpty ? "–" : format(costs.reduce(0, +), 4)])
        return rows
    }

    static func markdown(_ usage: [UsageRecord]) -> String {
        var out = "## Cost and usage\n\n| " + header.joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: header.count) + "\n"
        for row in rows(usage) { out += "| " + row.map(Escape.markdownCell).joined(separator: " | ") + " |\n" }
        return out + "\nTokens as the servers reported them; calls served from the cache cost nothing in this run.\n"
    }

    static func html(_ usage: [UsageRecord]) -> String {
        var out = "<h2>Cost and usage</h2>\n<div class=\"scroll\"><table>\n<thead><tr>"
        for h in header { out += "<th>\(Escape.html(h))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows(usage) { out += "<tr>" + row.map { "<td>\(Escape.html($0))</td>" }.joined() + "</tr>\n" }
        return out + "</tbody></table></div>\n<p class=\"legend\">Tokens as the servers reported them; calls served from the cache cost nothing in this run.</p>\n"
    }

    private static func format(_ x: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (x * scale).rounded() / scale
        var text = "\(rounded)"
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
        } else if digits > 0 {
            text += "." + String(repeating: "0", count: digits)
        }
        return text
    }
}

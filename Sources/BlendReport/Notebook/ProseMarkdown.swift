import Foundation

/// The prose of a notebook (its Markdown outside the cells) as HTML: ATX headings, paragraphs,
/// `-`/`*` and `1.` lists, `>` quotes, pipe tables, fenced code, and inline `code`, **bold**,
/// *italic*, [links](url) and `{{ inline values }}`. Everything else is text: every character
/// is HTML-escaped, so prose can hold no markup but these; a link's target must be relative or
/// http(s).
public enum ProseMarkdown {
    /// `value` renders the `{{ ... }}` reference (trimmed) as HTML.
    public static func html(_ text: String, value: (String) -> String) -> String {
        var out = ""
        var paragraph: [String] = []
        var list: (ordered: Bool, items: [String])?
        var quote: [String] = []
        var table: [String] = []
        var fence: [String]?
        func flush() {
            if !paragraph.isEmpty { out += "<p>\(inline(paragraph.joined(separator: " "), value: value))</p>\n"; paragraph = [] }
            if let l = list {
                let tag = l.ordered ? "ol" : "ul"
                out += "<\(tag)>\n" + l.items.map { "<li>\(inline($0, value: value))</li>\n" }.joined() + "</\(tag)>\n"
                list = nil
            }
            if !quote.isEmpty { out += "<blockquote><p>\(inline(quote.joined(separator: " "), value: value))</p></blockquote>\n"; quote = [] }
            if !table.isEmpty { out += tableHTML(table, value: value); table = [] }
        }
        for raw in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if var lines = fence {
                if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                    out += "<pre><code>\(Escape.html(lines.joined(separator: "\n")))</code></pre>\n"
                    fence = nil
                } else {
                    lines.append(line)
                    fence = lines
                }
                continue
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") { flush(); fence = []; continue }
            if trimmed.isEmpty { flush(); continue }
            if let (level, title) = heading(trimmed) {
                flush()
                out += "<h\(level)>\(inline(title, value: value))</h\(level)>\n"
            } else if trimmed.hasPrefix("|") {
                if table.isEmpty { flush() }
                table.append(trimmed)
            } else if let item = listItem(trimmed) {
                if !paragraph.isEmpty || !quote.isEmpty || !table.isEmpty || (list.map { $0.ordered != item.ordered } ?? false) { flush() }
                list = (item.ordered, (list?.items ?? []) + [item.text])
            } else if trimmed.hasPrefix(">") {
                if quote.isEmpty { flush() }
                quote.append(String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces))
            } else if var l = list, line.hasPrefix(" ") {
                // A continuation line of the last list item.
                l.items[l.items.count - 1] += " " + trimmed
                list = l
            } else {
                if list != nil || !quote.isEmpty || !table.isEmpty { flush() }
                paragraph.append(trimmed)
            }
        }
        if let lines = fence { out += "<pre><code>\(Escape.html(lines.joined(separator: "\n")))</code></pre>\n" }
        flush()
        return out
    }

    static func heading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return (hashes, line.dropFirst(hashes).trimmingCharacters(in: .whitespaces))
    }

    static func listItem(_ line: String) -> (ordered: Bool, text: String)? {
        if line.hasPrefix("- ") || line.hasPrefix("* ") { return (false, String(line.dropFirst(2))) }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") { return (true, String(line.dropFirst(digits.count + 2))) }
        return nil
    }

    /// A pipe table: the first line the header, a `|---|` line, then rows.
    static func tableHTML(_ lines: [String], value: (String) -> String) -> String {
        func cells(_ line: String) -> [String] {
            var body = line.trimmingCharacters(in: .whitespaces)
            if body.hasPrefix("|") { body.removeFirst() }
            if body.hasSuffix("|") && !body.hasSuffix("\\|") { body.removeLast() }
            var out: [String] = [], current = "", escaped = false
            for ch in body {
                if escaped { current.append(ch); escaped = false } else if ch == "\\" { escaped = true; current.append(ch) }
                else if ch == "|" { out.append(current.trimmingCharacters(in: .whitespaces)); current = "" } else { current.append(ch) }
            }
            out.append(current.trimmingCharacters(in: .whitespaces))
            return out
        }
        let isRule = { (line: String) in cells(line).allSatisfy { !$0.isEmpty && $0.allSatisfy { "-: ".contains($0) } } }
        var rows = lines.map(cells)
        var header: [String] = []
        if lines.count > 1, isRule(lines[1]) { header = rows[0]; rows.removeFirst(2) }
        var out = "<div class=\"scroll\"><table>\n"
        if !header.isEmpty { out += "<thead><tr>" + header.map { "<th>\(inline($0, value: value))</th>" }.joined() + "</tr></thead>\n" }
        out += "<tbody>\n" + rows.map { "<tr>" + $0.map { "<td>\(inline($0, value: value))</td>" }.joined() + "</tr>\n" }.joined()
        return out + "</tbody></table></div>\n"
    }

    /// Inline markup of one line: escapes, code spans, inline values, links, bold, italic.
    static func inline(_ text: String, value: (String) -> String) -> String {
        var out = ""
        let chars = Array(text)
        var i = 0
        // Open <b>/<i> tags, innermost last: a marker closes only the innermost tag, so the
        // output nests properly (well-formed XHTML) whatever the markers.
        var open: [String] = []
        func toggle(_ tag: String, literal: String) -> String {
            if open.last == tag { open.removeLast(); return "</\(tag)>" }
            if open.contains(tag) { return Escape.html(literal) }
            open.append(tag)
            return "<\(tag)>"
        }
        func find(_ pattern: String, from start: Int) -> Int? {
            let p = Array(pattern)
            var j = start
            while j + p.count <= chars.count {
                if Array(chars[j..<(j + p.count)]) == p { return j }
                j += 1
            }
            return nil
        }
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, "\\`*_[]{}()#+-.!|<>".contains(chars[i + 1]) {
                out += Escape.html(String(chars[i + 1])); i += 2; continue
            }
            if c == "`", let end = find("`", from: i + 1) {
                out += "<code>\(Escape.html(String(chars[(i + 1)..<end])))</code>"; i = end + 1; continue
            }
            if c == "{", i + 1 < chars.count, chars[i + 1] == "{", let end = find("}}", from: i + 2) {
                out += value(String(chars[(i + 2)..<end]).trimmingCharacters(in: .whitespaces)); i = end + 2; continue
            }
            if c == "[", let close = find("](", from: i + 1), let end = find(")", from: close + 2) {
                let label = String(chars[(i + 1)..<close]), target = String(chars[(close + 2)..<end])
                if safeLink(target) {
                    out += "<a href=\"\(Escape.html(target))\">\(inline(label, value: value))</a>"; i = end + 1; continue
                }
            }
            if c == "*", i + 1 < chars.count, chars[i + 1] == "*" {
                out += toggle("b", literal: "**"); i += 2; continue
            }
            if c == "*" || c == "_" {
                let before = i > 0 ? chars[i - 1] : " ", after = i + 1 < chars.count ? chars[i + 1] : " "
                let closes = open.last == "i" && !(c == "_" && (after.isLetter || after.isNumber))
                let opens = !open.contains("i") && !after.isWhitespace && !(c == "_" && (before.isLetter || before.isNumber))
                if closes || opens { out += toggle("i", literal: String(c)); i += 1; continue }
            }
            out += Escape.html(String(c)); i += 1
        }
        for tag in open.reversed() { out += "</\(tag)>" }
        return out
    }

    /// Relative paths, fragments and http(s) URLs only: no `javascript:` or other schemes.
    static func safeLink(_ target: String) -> Bool {
        let lower = target.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("#") { return true }
        return !lower.contains(":") && !target.contains(" ")
    }
}

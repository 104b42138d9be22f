/// Escaping of untrusted text (model outputs, data fields, names) for each output format.
public enum Escape {
    /// For HTML text and attribute values: & < > " ' become entities.
    public static func html(_ text: String) -> String {
        let utf8 = text.utf8
        @inline(__always) func special(_ c: UInt8) -> Bool { c == 0x26 || c == 0x3C || c == 0x3E || c == 0x22 || c == 0x27 }
        guard utf8.contains(where: special) else { return text }
        // On UTF-8 bytes: the five characters are ASCII, so no multi-byte sequence is split.
        var out = [UInt8]()
        out.reserveCapacity(utf8.count + utf8.count / 8 + 16)
        for c in utf8 {
            switch c {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&#39;".utf8)
            default: out.append(c)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// For a Markdown table cell: pipes, backslashes, backticks and other inline markup are
    /// backslash-escaped, angle brackets and ampersands entity-encoded, and line breaks become
    /// spaces, so a cell stays one inert cell.
    public static func markdownCell(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "|": out += "\\|"
            case "\\", "`", "*", "_", "[", "]", "#", "~", "!": out += "\\" + String(ch)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r", "\r\n", "\t": out += " "
            default: out.append(ch)
            }
        }
        return out
    }

    /// For a Markdown paragraph of plain text: as a table cell (inline markup escaped, line breaks
    /// become spaces), and a leading list or heading marker (`-`, `+`, `=`, `1.`, `1)`) escaped
    /// so the paragraph stays a paragraph.
    public static func markdownParagraph(_ text: String) -> String {
        var out = markdownCell(text)
        if let first = out.first, "-+=".contains(first) {
            out.insert("\\", at: out.startIndex)
        } else if let end = out.firstIndex(where: { !$0.isASCII || !$0.isNumber }), end != out.startIndex, out[end] == "." || out[end] == ")" {
            out.insert("\\", at: end)
        }
        return out
    }

    /// For LaTeX text (table cells, captions): the ten special characters and the brackets
    /// become their text commands, so `\input{x}` prints literally and runs nothing. A few
    /// symbols the reports use (arrows, dagger, en dash, Greek) become their math forms.
    public static func latex(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\": out += "\\textbackslash{}"
            case "{": out += "\\{"
            case "}": out += "\\}"
            case "#": out += "\\#"
            case "%": out += "\\%"
            case "&": out += "\\&"
            case "_": out += "\\_"
            case "$": out += "\\$"
            case "~": out += "\\textasciitilde{}"
            case "^": out += "\\textasciicircum{}"
            case "<": out += "\\textless{}"
            case ">": out += "\\textgreater{}"
            case "|": out += "\\textbar{}"
            case "[": out += "{[}"
            case "]": out += "{]}"
            case "\"": out += "\\textquotedbl{}"
            case "↑": out += "$\\uparrow$"
            case "↓": out += "$\\downarrow$"
            case "†": out += "\\dag{}"
            case "–": out += "--"
            case "τ": out += "$\\tau$"
            case "×": out += "$\\times$"
            case "Σ": out += "$\\Sigma$"
            case "−": out += "$-$"
            case "≥": out += "$\\geq$"
            case "\n", "\r", "\r\n", "\t": out += " "
            default: out.append(ch)
            }
        }
        return out
    }

    /// One CSV field (RFC 4180): quoted when it holds a comma, a double quote or a line break,
    /// with inner double quotes doubled. A text a spreadsheet would run as a formula (starting
    /// with =, +, -, @, tab or carriage return, and not a number) gets a leading apostrophe
    /// (OWASP's CSV-injection advice), so a model name like `=HYPERLINK(...)` stays text.
    public static func csvField(_ raw: String) -> String {
        var text = raw
        if let first = text.first, "=+-@\t\r".contains(first), Double(text.split(separator: " ").first ?? "") == nil {
            text = "'" + text
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

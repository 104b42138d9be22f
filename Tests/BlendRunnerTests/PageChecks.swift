import Foundation
import XHTMLCheck
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Texts that would run, break a table or run a LaTeX command if any renderer forgot to escape.
enum Hostile {
    static let script = "<script>document.title='PWNED'</script>"
    static let image = "<img src=x onerror=\"document.body.appendChild(document.createElement('blink'))\">"
    static let model = "<img src=x onerror=document.title='PWNED'>"
    static let pipeModel = "b|`x`\\input{/etc/passwd}"
    static let text = "</textarea></pre>\(script) | cell | `code` \\input{/etc/passwd} #%&_{}~^\\ \(image)"
}

/// A JSON-lines data set whose instructions, candidate texts and model names are hostile.
func hostileDataSet(in dir: String, count: Int = 10) throws -> String {
    let lines = try (0..<count).map { i -> String in
        let row: [String: Any] = [
            "id": "h\(i)<b>", "instruction": "Question \(i) \(Hostile.script)",
            "candidates": [["model": "a", "text": "plain answer \(i)", "score": Double(i % 3) / 10],
                           ["model": Hostile.model, "text": Hostile.text + " \(i)", "score": 0.5],
                           ["model": Hostile.pipeModel, "text": "| a | b |\n\(Hostile.image) \(i)", "score": Double(i % 2) * 0.6]],
        ]
        let data = try JSONSerialization.data(withJSONObject: row, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
    let path = dir + "/hostile.jsonl"
    try write(lines.joined(separator: "\n"), to: path)
    return path
}

/// Parses `html` as XML with libxml2 (FoundationXML); returns the parse error, or nil when it
/// is well-formed. Also returns an error naming any script, img, textarea or on* attribute.
func xhtmlProblem(_ html: String) -> String? {
    if let error = XHTMLCheck.error(in: html) { return "not well-formed XML: \(error)" }
    #if canImport(FoundationXML) || os(macOS)
    do {
        let document = try XMLDocument(xmlString: html, options: [])
        let active = try document.nodes(forXPath: "//*[local-name()='script' or local-name()='img' or local-name()='textarea' or local-name()='iframe']|//@*[starts-with(local-name(), 'on')]")
        return active.isEmpty ? nil : "active content: " + active.map { $0.xmlString }.joined(separator: ", ")
    } catch {
        return "not well-formed XML: \(error)"
    }
    #else
    return nil
    #endif
}

/// RFC 4180 records of `csv` (quoted fields with doubled quotes and embedded line breaks).
func csvRecords(_ csv: String) -> [[String]] {
    var records: [[String]] = [], field = "", record: [String] = [], quoted = false
    var chars = Array(csv.unicodeScalars)[...]
    while let c = chars.popFirst() {
        if quoted {
            if c == "\"" {
                if chars.first == "\"" { field.unicodeScalars.append(c); chars.removeFirst() } else { quoted = false }
            } else { field.unicodeScalars.append(c) }
        } else if c == "\"" { quoted = true
        } else if c == "," { record.append(field); field = ""
        } else if c == "\r" && chars.first == "\n" { chars.removeFirst(); record.append(field); records.append(record); record = []; field = ""
        } else { field.unicodeScalars.append(c) }
    }
    if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
    return records
}

/// Number of table-cell separators in a Markdown table line (pipes not escaped with `\`).
func markdownPipes(_ line: String) -> Int {
    var count = 0, escaped = false
    for c in line {
        if escaped { escaped = false; continue }
        if c == "\\" { escaped = true } else if c == "|" { count += 1 }
    }
    return count
}

/// Every file under `directory` with one of `extensions`, as paths relative to it.
func files(under directory: String, extensions: Set<String>) -> [String] {
    let all = FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? []
    return all.filter { extensions.contains(($0 as NSString).pathExtension) }.sorted()
}

func readText(_ path: String) throws -> String {
    String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
}

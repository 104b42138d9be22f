import BlendCore
import BlendReport
@testable import BlendRunner
import Foundation
import Testing

/// Runs a whole experiment on a data set whose texts and model names are hostile, re-renders it
/// as `blendlab report` does and publishes the site; returns the scratch and results folders.
func hostileRun() async throws -> (dir: String, results: String) {
    let dir = try scratchDirectory()
    let file = try experimentFile(in: dir, data: try hostileDataSet(in: dir), extra: "metrics: [oracle-rank, {id: top-k, k: 2}]")
    let spec = try ExperimentFile.load(file)
    let options = RunOptions(cachePath: dir + "/cache.sqlite", resultsDirectory: dir + "/results", quiet: true)
    _ = try await Runner(spec: spec, options: options).run()
    _ = try ResultFiles.rerender(directory: dir + "/results/exp")
    try SiteIndex.publish(results: dir + "/results")
    return (dir, dir + "/results")
}

@Test("integration (SQLite on disk): hostile model names and texts are inert in every page, table and export")
func hostileTextIsInert() async throws {
    let (_, results) = try await hostileRun()
    let folder = results + "/exp"
    let texts = try #require(try ExampleTexts.read(from: folder))
    #expect(texts.examples.count == 10)
    #expect(texts.examples[0].candidates[1].text.hasPrefix("</textarea>"))   // stored verbatim, escaped on output

    // HTML: well-formed XML, no script / img / textarea element, no on* attribute anywhere.
    let pages = files(under: results, extensions: ["html"])
    #expect(Set(pages) == ["index.html", "exp/index.html", "exp/examples.html"])
    for page in pages {
        let html = try readText(results + "/" + page)
        #expect(xhtmlProblem(html) == nil, "\(page): \(xhtmlProblem(html) ?? "")")
        for raw in ["<script", "<img", "<textarea", "</textarea", "onerror=\""] { #expect(!html.contains(raw), "\(page) contains \(raw)") }
    }
    let examples = try readText(folder + "/examples.html")
    #expect(examples.contains("&lt;/textarea&gt;&lt;/pre&gt;&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;"))
    #expect(examples.contains("Where methods disagree"))

    // Markdown: every table line has as many cell separators as its header line.
    let markdown = try readText(folder + "/report.md")
    #expect(!markdown.contains("<script") && !markdown.contains("<img"))
    var header: Int?
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
        guard line.hasPrefix("|") else { header = nil; continue }
        if let expected = header { #expect(markdownPipes(line) == expected, "broken row: \(line)") } else { header = markdownPipes(line) }
    }
    #expect(markdown.contains("&lt;img src=x onerror=document.title=&#39;PWNED&#39;&gt;") || markdown.contains("&lt;img src=x onerror=document.title='PWNED'&gt;"))

    // LaTeX: no command from the data survives; braces balance; specials are escaped.
    let tex = files(under: folder, extensions: ["tex"])
    #expect(tex.contains("tables/main.tex") && tex.contains("tables/oracle-best.tex"))
    for name in tex {
        let latex = try readText(folder + "/" + name)
        #expect(!latex.contains("\\input"), "\(name) has \\input")
        #expect(latex.contains("\\toprule") && latex.contains("\\bottomrule"))
        for line in latex.split(separator: "\n") where !line.hasPrefix("%") {
            let unescaped = line.replacingOccurrences(of: "\\\\", with: "").replacingOccurrences(of: "\\%", with: "")
                .replacingOccurrences(of: "\\#", with: "").replacingOccurrences(of: "\\{", with: "").replacingOccurrences(of: "\\}", with: "")
            #expect(!unescaped.contains("%") && !unescaped.contains("#"), "\(name): \(line)")
            #expect(unescaped.filter { $0 == "{" }.count == unescaped.filter { $0 == "}" }.count, "\(name): \(line)")
        }
    }
    #expect(try readText(folder + "/tables/oracle-best.tex").contains("\\textless{}img src=x onerror=document.title='PWNED'\\textgreater{}"))

    // CSV: every record has the header's field count, and the hostile names come back verbatim.
    for name in files(under: folder, extensions: ["csv"]) {
        let records = csvRecords(try readText(folder + "/" + name))
        #expect(records.count > 1)
        for record in records { #expect(record.count == records[0].count, "\(name): \(record)") }
    }
    let shares = csvRecords(try readText(folder + "/tables/oracle-best.csv"))
    #expect(Set(shares.dropFirst().map { $0[0] }) == ["a", Hostile.model, Hostile.pipeModel])
}

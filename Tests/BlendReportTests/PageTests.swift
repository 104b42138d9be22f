import BlendCore
@testable import BlendReport
import Foundation
import Testing

struct PageTests {
    static let hostile = "<script>alert(1)</script>&amp;|`x`</textarea>\\input{x}<img src=x onerror=alert(2)>"

    @Test("every generated HTML page is well-formed XML (libxml2), with hostile names and texts")
    func wellFormed() throws {
        let dir = NSTemporaryDirectory() + "blendlab-pages-" + UUID().uuidString
        let document = try richDocument(model: Self.hostile)
        try ResultFiles.write(document, texts: richTexts(model: Self.hostile, text: Self.hostile), to: dir + "/golden")
        try SiteIndex.publish(results: dir)
        for page in ["index.html", "golden/index.html", "golden/examples.html"] {
            let html = String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir + "/" + page)), as: UTF8.self)
            #expect(xmlParseError(html) == nil, "\(page): \(xmlParseError(html) ?? "")")
            #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("</textarea"))
        }
        #expect(xmlParseError("<p>a & b</p>") != nil)   // the parser does reject what it should
    }

    @Test("re-rendering from the folder alone reproduces the pages")
    func rerender() throws {
        let dir = NSTemporaryDirectory() + "blendlab-pages-" + UUID().uuidString
        try ResultFiles.write(try richDocument(), texts: richTexts(), to: dir)
        let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/examples.html"))
        let files = try ResultFiles.rerender(directory: dir)
        #expect(files.contains("tables/main.tex") && files.contains("examples.html"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/examples.html")) == before)
        #expect(String(decoding: before, as: UTF8.self).contains("fused q1"))
        // A table the document no longer has is removed on re-rendering.
        var bare = try richDocument()
        bare.diagnostics = nil
        try ResultFiles.renderPages(bare, to: dir)
        #expect(!FileManager.default.fileExists(atPath: dir + "/tables/correlation.tex"))
        #expect(FileManager.default.fileExists(atPath: dir + "/tables/main.tex"))
    }

    @Test("oracle-best shares: ties count for each model, normalised to 100")
    func oracleShare() throws {
        let table = OracleShareTable(try richDocument())
        // q1: model-a first; q2: b first; q3: both tied first -> 2 and 2 of 4.
        #expect(table.rows.map(\.firsts) == [2, 2])
        #expect(table.rows.map(\.percent) == [50, 50])
        #expect(table.rows.map(\.model) == ["b", "model-a"])
    }

    @Test("the plots are escaped, script-free SVG")
    func plots() throws {
        let svg = SVGPlot.bars(title: "t<", items: [("<script>", 10), ("b", 2.5)])
        #expect(svg.hasPrefix("<svg") && svg.contains("&lt;script&gt;") && !svg.contains("<script"))
        #expect(xmlParseError(svg) == nil)
        let lines = SVGPlot.lines(title: "x", xLabel: "K", yLabel: "y", series: [
            SVGPlot.Series(name: "s", points: [SVGPlot.Point(x: 1, y: 2, low: 1, high: 3), SVGPlot.Point(x: 2, y: 3, low: 2, high: 4)])])
        #expect(lines.contains("<polygon") && lines.contains("<polyline") && xmlParseError(lines) == nil)
        #expect(SVGPlot.niceTicks(low: 0, high: 21.2) == [0, 5, 10, 15, 20, 25])
        #expect(SVGPlot.xTicks([3, 1, 2, 3]) == [1, 2, 3])
        #expect(SVGPlot.xTicks([2, 2]) == [1, 2, 3])
    }
}

@Test("the site index links every page with relative, encoded links, even for an odd folder name")
func siteIndexLinks() throws {
    let dir = NSTemporaryDirectory() + "blendlab-site-" + UUID().uuidString
    try ResultFiles.write(try richDocument(), texts: richTexts(), to: dir + "/we(ird) <x>&")
    #expect(try SiteIndex.publish(results: dir) == 1)
    let html = String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir + "/index.html")), as: UTF8.self)
    #expect(xmlParseError(html) == nil)
    for page in ["index.html", "examples.html", "report.md", "result.json", "tables/main.tex", "tables/oracle-best.csv"] {
        #expect(html.contains("href=\"we%28ird%29%20%3Cx%3E&amp;/\(page)\""), "no link to \(page)")
    }
    let markdown = String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir + "/README.md")), as: UTF8.self)
    #expect(markdown.contains("(we%28ird%29%20%3Cx%3E&/report.md)"))
}

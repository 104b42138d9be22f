import BlendCore
import BlendReport
@testable import BlendRunner
import Foundation
import Testing

/// `Tests/Fixtures/notebook-mini`: a notebook over a committed result of a small real run
/// (`blendlab run mini` on an 8-example JSON-lines fixture, pairwise rows included), rendered
/// as a fresh clone would: from the result file, computing nothing.
/// Paths in the page are made relative to the package root, as `blendlab notebook` run there writes them.
func renderMiniNotebook() async throws -> (page: NotebookPage, computed: [Int: [Plan.Line]]) {
    let fixture = packageRoot + "/Tests/Fixtures/notebook-mini"
    let runner = NotebookRunner(options: RunOptions(cachePath: try scratchDirectory() + "/cache.sqlite", resultsDirectory: fixture + "/results",
                                                    quiet: true),
                                experimentsDirectory: fixture + "/Experiments")
    let report = try await runner.render(try NotebookFile.load(fixture + "/Notebooks/mini.md"))
    return (report.page, report.computed)
}

/// Compares `text` with `Golden/<name>`; with BLENDLAB_UPDATE_GOLDEN=1 rewrites the file instead.
func notebookGolden(_ name: String, _ text: String) throws -> Bool {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/" + name)
    if ProcessInfo.processInfo.environment["BLENDLAB_UPDATE_GOLDEN"] == "1" {
        try Data(text.utf8).write(to: path)
        return true
    }
    return String(decoding: try Data(contentsOf: path), as: UTF8.self) == text
}

struct NotebookPageTests {
    @Test("golden notebook Markdown: prose with values, each cell's tables, plot links, provenance; from the result file alone")
    func markdown() async throws {
        let (page, computed) = try await renderMiniNotebook()
        #expect(computed.isEmpty, "the fixture's result matches its spec, so nothing is computed")
        #expect(page.errors.isEmpty, "\(page.errors)")
        let rendered = NotebookMarkdown.render(page)
        #expect(rendered.files.map(\.path) == ["plots/cell-3-1.svg"])
        #expect(try notebookGolden("notebook-mini.md", rendered.text.replacingOccurrences(of: packageRoot + "/", with: "")))
    }

    @Test("the notebook page is well-formed XHTML (libxml2) with one section per cell")
    func wellFormed() async throws {
        let (page, _) = try await renderMiniNotebook()
        let html = NotebookHTML.render(page)
        #expect(xhtmlProblem(html) == nil, "\(xhtmlProblem(html) ?? "")")
        #expect(html.components(separatedBy: "<section class=\"cell\"").count == 5)
    }

    @Test("integration (headless Chromium): the notebook page loads and shows every cell's output",
          .enabled(if: chromium != nil, "needs chromium (make setup installs it)"))
    func browserFindsEveryCell() async throws {
        let (page, _) = try await renderMiniNotebook()
        let dir = try scratchDirectory()
        try write(NotebookHTML.render(page), to: dir + "/index.html")
        let dom = try headless(["--dump-dom"], url: "file://" + dir + "/index.html")
        #expect(dom.contains("</html>"), "Chromium printed no DOM")
        let expected: [(Int, [String])] = [
            (1, ["<h3>Main table</h3>", ">Oracles</th>", "<h3>Selected rows of mini</h3>"]),
            (2, ["<h3>Compared across mini</h3>", "<td>length(prefer=longest)</td>"]),
            (3, ["<svg", "by comparisons per example"]),
            (4, ["<h3>oracle vs random(seed=1):", "id=\"cell-4-ex-"]),
        ]
        for (index, needles) in expected {
            let start = try #require(dom.range(of: "id=\"cell-\(index)\""), "cell \(index) is missing")
            let section = dom[start.lowerBound...]
            let body = String(section[..<(section.range(of: "</section>")?.lowerBound ?? section.endIndex)])
            for needle in needles { #expect(body.contains(needle), "cell \(index) lacks \(needle)") }
            #expect(body.contains("shown from \(packageRoot)/Tests/Fixtures/notebook-mini/results/mini/result.json"), "cell \(index) has no provenance")
        }
        #expect(dom.contains("<span class=\"value\""))
        #expect(!dom.contains("class=\"error\" role=\"alert\""))
    }
}

import BlendCore
import BlendReport
@testable import BlendRunner
import Foundation
import Testing

/// A scratch notebook set-up: `Experiments/exp.yaml` on a small JSON-lines data set (three
/// cheap rankers) and `Notebooks/nb.md` with `cells`.
func notebookScratch(_ text: String) throws -> (dir: String, runner: NotebookRunner) {
    let dir = try scratchDirectory()
    let data = try smallDataSet(in: dir)
    try write("""
        name: exp
        seed: 3
        baseline: a
        dataset: {source: jsonl, path: \(data)}
        rankers: [oracle, {id: random, seed: 1}, length]
        """, to: dir + "/Experiments/exp.yaml")
    try write(text.replacingOccurrences(of: "DATA", with: data), to: dir + "/Notebooks/nb.md")
    let runner = NotebookRunner(options: RunOptions(cachePath: dir + "/cache.sqlite", resultsDirectory: dir + "/results", quiet: true),
                                experimentsDirectory: dir + "/Experiments")
    return (dir, runner)
}

func renderNotebook(_ dir: String, _ runner: NotebookRunner) async throws -> NotebookRunner.Report {
    try await runner.render(try NotebookFile.load(dir + "/Notebooks/nb.md"))
}

/// Per stage and component of one cell's computed runs: (cached, total).
func counts(_ lines: [Plan.Line]?) -> [String: [Int]] {
    Dictionary((lines ?? []).map { ("\($0.stage) \($0.component)", [$0.cached, $0.total]) }, uniquingKeysWith: { a, _ in a })
}

@Test("integration (SQLite on disk): a second render is served from result files; changing one set: value recomputes only that cell's missing stages")
func notebookCache() async throws {
    let cells = { (seed: Int) in """
        # Cache

        ```blendlab
        run: exp
        ```

        ```blendlab
        run: exp
        set: {rankers: [oracle, {id: random, seed: \(seed)}, length]}
        ```

        ```blendlab
        experiment:
          dataset: {source: jsonl, path: DATA}
          rankers: [oracle, length]
        show: {rows: [oracle, length(prefer=longest)], metrics: [oracle-rank]}
        ```
        """ }
    let (dir, runner) = try notebookScratch(cells(2))
    let first = try await renderNotebook(dir, runner)
    #expect(first.page.errors.isEmpty, "\(first.page.errors)")
    // Cold: both cells compute; the second reads the first's oracle and length scores from the cache.
    #expect(counts(first.computed[1])["rank random(seed=1)"] == [0, 12])
    #expect(counts(first.computed[2])["rank random(seed=2)"] == [0, 12])
    #expect(counts(first.computed[2])["rank length(prefer=longest)"] == [12, 12])
    // The inline experiment (named nb-cell-3) reads the same stored scores.
    #expect(counts(first.computed[3])["rank length(prefer=longest)"] == [12, 12])
    #expect(first.page.cells[2].provenance.first?.experiment == "nb-cell-3")
    #expect(first.page.cells.allSatisfy { $0.provenance.first?.origin.hasPrefix("computed by this render") == true })

    let second = try await renderNotebook(dir, runner)
    #expect(second.computed.isEmpty, "nothing changed, yet the render computed: \(second.computed)")
    #expect(second.page.cells.allSatisfy { $0.provenance.first?.origin.hasPrefix("shown from \(dir)/results/notebooks/nb/cells/") == true })

    try write(cells(5).replacingOccurrences(of: "DATA", with: dir + "/data.jsonl"), to: dir + "/Notebooks/nb.md")
    let third = try await renderNotebook(dir, runner)
    #expect(third.computed[1] == nil && third.computed[3] == nil, "an unchanged cell was recomputed")
    #expect(counts(third.computed[2])["rank random(seed=5)"] == [0, 12])
    #expect(counts(third.computed[2])["rank length(prefer=longest)"] == [12, 12])
    #expect(counts(third.computed[2])["rank oracle"] == [12, 12])

    // A published result of the same spec is shown from results/exp/ without computing; --rerun recomputes through the cache.
    _ = try await Runner(spec: try ExperimentFile.load(dir + "/Experiments/exp.yaml"),
                         options: RunOptions(cachePath: dir + "/cache.sqlite", resultsDirectory: dir + "/results", quiet: true)).run()
    let fourth = try await renderNotebook(dir, runner)
    #expect(fourth.computed.isEmpty)
    #expect(fourth.page.cells[0].provenance.first?.origin == "shown from \(dir)/results/exp/result.json")
    var rerun = runner
    rerun.rerun = true
    let fifth = try await renderNotebook(dir, rerun)
    #expect(counts(fifth.computed[1])["rank random(seed=1)"] == [12, 12])
    #expect(counts(fifth.computed[3])["rank oracle"] == [12, 12])
    #expect(counts(fifth.computed[2])["rank random(seed=5)"] == [12, 12])
}

@Test("a broken cell shows its error in place with the notebook line; the other cells render; the notebook fails with exit 2")
func brokenCells() async throws {
    let (dir, runner) = try notebookScratch("""
        # Broken

        ```blendlab
        run: exp
        ```

        ```blendlab
        run: no-such-experiment
        ```

        ```blendlab
        run: exp
        shwo: main
        ```

        ```blendlab
        compare:
          experiments: [exp]
          rows: [oracle, no-such-row]
        ```

        ```blendlab
        run: exp
        set: {dataset.limt: 3}
        ```

        Quoted: {{ exp: oracle . oracle-rank }} and {{ exp: nobody . oracle-rank }}.

        ```blendlab
        run: exp
        show: correlation
        ```
        """)
    let notebook = try NotebookFile.load(dir + "/Notebooks/nb.md")
    let report = try await runner.render(notebook)
    let cells = report.page.cells
    #expect(cells.count == 6)
    let file = dir + "/Notebooks/nb.md"
    #expect(cells[0].error == nil && !cells[0].parts.isEmpty)
    #expect(cells[1].error?.hasPrefix("\(file):8: run: no experiment 'no-such-experiment'") == true, "\(cells[1].error ?? "")")
    #expect(cells[1].error?.contains("known experiments: exp") == true)
    #expect(cells[2].error == "\(file):13: shwo: unknown key; known keys here: run, experiment, compare, plot, examples, set, show")
    #expect(cells[3].error?.hasPrefix("\(file):19: compare.rows[1]: no row 'no-such-row' in exp; rows: a, b, c, oracle, random(seed=1), length(prefer=longest)") == true,
            "\(cells[3].error ?? "")")
    #expect(cells[4].error?.hasPrefix("\(file):24: set.dataset.limt: unknown key; known keys here:") == true, "\(cells[4].error ?? "")")
    #expect(cells[5].error == nil && cells[5].parts.first?.title == "Ranker correlation with the oracle")
    #expect(report.page.values["exp: oracle . oracle-rank"]?.text == "1.00")
    #expect(report.page.values["exp: nobody . oracle-rank"]?.error?.hasPrefix("\(file):27: {{ exp: nobody . oracle-rank }}: no row 'nobody' in exp") == true)

    // Written with every error in place, then a NotebookError with exit code 2.
    #expect(throws: NotebookError.self) { try runner.write(report, notebook: notebook) }
    do { try runner.write(report, notebook: notebook) } catch let error as NotebookError {
        #expect(error.exitCode == 2 && error.errors.count == 5)
    }
    let html = try readText(dir + "/results/notebooks/nb/index.html")
    #expect(xhtmlProblem(html) == nil, "\(xhtmlProblem(html) ?? "")")
    #expect(html.components(separatedBy: "<div class=\"error\" role=\"alert\">").count == 5)
    #expect(html.contains("<h3>Main table</h3>") && html.contains("<h3>Ranker correlation with the oracle</h3>"))
    let readme = try readText(dir + "/results/notebooks/nb/README.md")
    #expect(readme.contains("> **This cell failed.**") && readme.contains("Quoted: 1.00 and **["))
}

@Test("integration (SQLite on disk): hostile texts in results render inert in a notebook's HTML and Markdown")
func hostileNotebook() async throws {
    let (dir, results) = try await hostileRun()
    try write("""
        # Hostile \(Hostile.script)

        Prose with <b>markup</b> \(Hostile.image) and [a link](javascript:alert(1)) stays text.
        Value: {{ exp: \(Hostile.model) . oracle-rank }}.

        ```blendlab
        run: exp
        show: [main, oracle-best, {rows: ["\(Hostile.model)", oracle], metrics: [oracle-rank]}]
        ```

        ```blendlab
        compare:
          experiments: [exp]
          rows: ["\(Hostile.model)", "\(Hostile.pipeModel.replacingOccurrences(of: "\\", with: "\\\\"))"]
        ```

        ```blendlab
        examples:
          run: exp
          methods: [oracle, random(seed=1)]
          limit: 5
        ```
        """, to: dir + "/Notebooks/hostile.md")
    let runner = NotebookRunner(options: RunOptions(cachePath: dir + "/cache.sqlite", resultsDirectory: results, quiet: true),
                                experimentsDirectory: dir)
    let notebook = try NotebookFile.load(dir + "/Notebooks/hostile.md")
    let report = try await runner.render(notebook)
    #expect(report.page.errors.isEmpty, "\(report.page.errors)")
    #expect(report.computed.isEmpty)
    try runner.write(report, notebook: notebook)
    let html = try readText(results + "/notebooks/hostile/index.html")
    #expect(xhtmlProblem(html) == nil, "\(xhtmlProblem(html) ?? "")")
    for raw in ["<script", "<img", "<textarea", "</textarea", "onerror=\"", "href=\"javascript"] { #expect(!html.contains(raw), "index.html contains \(raw)") }
    #expect(html.contains("&lt;/textarea&gt;&lt;/pre&gt;&lt;script&gt;"))   // a candidate text in the examples cell
    let readme = try readText(results + "/notebooks/hostile/README.md")
    // Results' texts are escaped in the README too (the prose is the author's Markdown, kept as written).
    #expect(!readme.contains("<img src=x onerror=document.title"))
    var header: Int?
    for line in readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) where !line.hasPrefix("# ") {
        guard line.hasPrefix("|") else { header = nil; continue }
        if let expected = header { #expect(markdownPipes(line) == expected, "broken row: \(line)") } else { header = markdownPipes(line) }
    }
    for svg in files(under: results + "/notebooks/hostile", extensions: ["svg"]) {
        #expect(xhtmlProblem(try readText(results + "/notebooks/hostile/" + svg)) == nil)
    }
}

import BlendCore
import BlendReport
import BlendStore
@testable import BlendRunner
import Foundation
import Testing

@Test("integration: pairwise rows give full rankings; top-K views read them; rows state their comparisons")
func topKViewsAndComparisons() async throws {
    let dir = try scratchDirectory()
    let file = try experimentFile(in: dir, data: try smallDataSet(in: dir), extra: """
        aggregation: [bubble, max-logits, {id: random-pairs, fraction: 0.5}]
        metrics: [oracle-rank, {id: top-k, k: 1}]
        topk_views:
          - {first: random, second: "oracle-pair(bias=0,noise=0,scale=1) + max-logits", k: [1, 2, 3]}
          - {first: "oracle-pair(bias=0,noise=0,scale=1) + bubble"}
        """)
    let spec = try ExperimentFile.load(file, overrides: ["rankers=[oracle, {id: random, seed: 1}, oracle-pair]"])
    let options = RunOptions(cachePath: dir + "/cache.sqlite", resultsDirectory: dir + "/results", quiet: true)
    let doc = try await Runner(spec: spec, options: options).run()

    // Efficiency: every pairwise row states the comparisons its rule read per example (N = 3).
    let efficiency = EfficiencyTable(doc)
    #expect(efficiency.rows.map(\.comparisons) == [4, 4, 6])   // bubble 2(N-1), random-pairs 2 ceil(0.5 x 3), max-logits N(N-1)
    #expect(Set(efficiency.rows.map(\.label)) == ["oracle-pair(bias=0,noise=0,scale=1) + bubble", "oracle-pair(bias=0,noise=0,scale=1) + max-logits", "oracle-pair(bias=0,noise=0,scale=1) + random-pairs(fraction=0.5)"])

    // One plot series per ranker and rule: random-pairs at several fractions would be one line.
    #expect(Set(efficiency.rows.map(\.series)) == ["oracle-pair + bubble", "oracle-pair + max-logits", "oracle-pair + random-pairs"])
    #expect(efficiency.svg?.contains("oracle-pair + random-pairs") == true)

    let views = try #require(doc.topKViews)
    #expect(views.count == 2)
    let randomRow = try #require(doc.methods.first { $0.label.hasPrefix("random") })
    // View 1: random's top K, picked by the consistent comparator.
    #expect(views[0].first == randomRow.label && views[0].second == "oracle-pair(bias=0,noise=0,scale=1) + max-logits")
    #expect(views[0].rows.map(\.k) == [1, 2, 3])
    let randomBest = doc.examples.filter { e in e.outcomes[randomRow.key]?.selected.map { e.oracleRanks[$0] == 1 } ?? false }.count
    #expect(abs(views[0].rows[0].recall.mean - 100 * Double(randomBest) / Double(doc.examples.count)) < 1e-9)
    // K = 1: the pick is random's own selection; K = 3: the comparator sees everything and picks b.
    #expect(views[0].rows[0].bestOf["oracle-rank"]?.mean == doc.aggregates[randomRow.key]?["oracle-rank"]?.mean)
    #expect(views[0].rows[2].recall.mean == 100)
    #expect(views[0].rows[2].bestOf["oracle-rank"]?.mean == 1 && views[0].rows[2].bestOf[doc.metrics[1].id]?.mean == 100)
    #expect(views[0].rows.map(\.recall.mean) == views[0].rows.map(\.recall.mean).sorted())
    // View 2: k defaults to 1...N; the pairwise row's own ranking (not only its first) is read.
    #expect(views[1].rows.map(\.k) == [1, 2, 3] && views[1].second == nil)
    #expect(views[1].rows.allSatisfy { $0.recall.mean == 100 && $0.bestOf.isEmpty })

    // Pages: a table and plots per view, the CSV export, and result.json re-renders the same.
    let out = dir + "/results/exp"
    let report = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
    #expect(report.contains("## Top-K of \(randomRow.label), picked by oracle-pair(bias=0,noise=0,scale=1) + max-logits"))
    #expect(report.contains("## Comparisons versus quality"))
    let html = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
    #expect(html.contains("Oracle-best in \(randomRow.label)&#39;s top K") || html.contains("Oracle-best in \(randomRow.label)&#x27;s top K")
            || html.contains("Oracle-best in \(randomRow.label)"))
    #expect(xhtmlProblem(html) == nil)
    #expect(FileManager.default.fileExists(atPath: out + "/tables/topk-view.csv") && FileManager.default.fileExists(atPath: out + "/tables/topk-view-2.csv"))
    _ = try ResultFiles.rerender(directory: out)
    #expect(try String(contentsOfFile: out + "/report.md", encoding: .utf8) == report)
}

@Test("topk_views errors name the key path and line: unknown row, ambiguous id, bad K")
func topKViewErrors() throws {
    let dir = try scratchDirectory()
    let data = try smallDataSet(in: dir)
    func message(_ extra: String) -> String {
        do {
            _ = try ExperimentFile.load(try experimentFile(in: dir, data: data, extra: extra), overrides: ["rankers=[oracle, oracle-pair]"])
            return "no error"
        } catch { return "\(error)" }
    }
    let unknown = message("topk_views: {first: nope}")
    #expect(unknown.contains("topk_views.first: 'nope' is not a ranker row; rows: oracle; oracle-pair(bias=0,noise=0,scale=1) + max-logits"))
    #expect(unknown.contains("exp.yaml:12: topk_views.first"))   // the line of topk_views in the generated file
    let ambiguous = message("aggregation: [bubble, max-logits]\ntopk_views: [{first: oracle, second: oracle-pair}]")
    #expect(ambiguous.contains("topk_views[0].second: ranker 'oracle-pair' has 2 rows; name one by its label"))
    #expect(message("topk_views: {first: oracle, k: [0]}").contains("topk_views.k[0]: must be a positive integer"))
    #expect(message("topk_views: {first: oracle, k: [2, 2]}").contains("topk_views.k: lists a K twice"))
    #expect(message("topk_views: {first: oracle, kk: [1]}").contains("topk_views.kk: unknown key; known keys here: first, second, k"))
    #expect(message("topk_views: {first: oracle-pair, second: oracle}") == "no error")
    #expect(message("fuse_rankers: [oracle-pair, random]").contains("fuse_rankers[1]: 'random' is not a ranker row"))
    #expect(message("fuse_rankers: [oracle-pair]") == "no error")
}

@Test("notes and reading: escaped paragraphs on both pages, kept in result.json, outside the spec hash")
func notesAndReading() async throws {
    let dir = try scratchDirectory()
    let data = try smallDataSet(in: dir)
    let extra = """
        notes: "a 135M fuser <cannot> beat 13B candidates; switch backend with one line"
        reading: |
          First paragraph with <b>markup</b> and | pipes,
          wrapped over two lines.

          - second paragraph, not a list
        """
    let spec = try ExperimentFile.load(try experimentFile(in: dir, data: data, extra: extra))
    #expect(spec.notes?.hasPrefix("a 135M fuser") == true && spec.reading?.contains("wrapped") == true)
    let plain = try ExperimentFile.load(try experimentFile(in: dir + "/plain", data: data))
    #expect(spec.resolved.hash == plain.resolved.hash)
    let options = RunOptions(cachePath: dir + "/cache.sqlite", resultsDirectory: dir + "/results", quiet: true)
    _ = try await Runner(spec: spec, options: options).run()
    let out = dir + "/results/exp"
    let report = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
    #expect(report.contains("**Notes.** a 135M fuser &lt;cannot&gt; beat 13B candidates; switch backend with one line\n"))
    #expect(report.contains("## Reading\n\nFirst paragraph with &lt;b&gt;markup&lt;/b&gt; and \\| pipes, wrapped over two lines.\n\n\\- second paragraph, not a list\n"))
    #expect(report.range(of: "## Reading")!.lowerBound > report.range(of: "## Main table")!.lowerBound)
    let html = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
    #expect(html.contains("<p class=\"notes\">a 135M fuser &lt;cannot&gt; beat"))
    #expect(html.contains("<h2>Reading</h2>\n<p>First paragraph with &lt;b&gt;markup&lt;/b&gt; and | pipes, wrapped over two lines.</p>\n<p>- second paragraph, not a list</p>"))
    #expect(xhtmlProblem(html) == nil)
    let document = try ResultFiles.read(from: out)
    #expect(document.experiment.reading?.contains("not a list") == true)
    _ = try ResultFiles.rerender(directory: out)
    #expect(try String(contentsOfFile: out + "/report.md", encoding: .utf8) == report)
}

@Test("a backend's model: is the model of every component calling it that names none, so a switch is one line")
func backendModelIsOneLineSwitch() throws {
    let dir = try scratchDirectory()
    let file = try experimentFile(in: dir, data: try smallDataSet(in: dir), extra: """
        backends:
          llm: {base_url: "https://api.example.com/v1", api_key_env: EXAMPLE_KEY, model: big-model}
          other: {base_url: "http://127.0.0.1:9/v1"}
        fusers: [{id: chat-fuser, backend: llm}]
        top_k: [2]
        fuse_rankers: [llm-judge]
        topk_views: {first: "llm-judge(big-model@llm,random)"}
        """)
    let spec = try ExperimentFile.load(file, overrides: [
        "rankers=[oracle, {id: llm-judge, backend: llm}, {id: lm-score, backend: llm, model: small}, {id: lm-score, backend: other}]"])
    #expect(spec.rankers[1].params["model"] == .string("big-model"))
    #expect(spec.rankers[2].params["model"] == .string("small"))          // an explicit model wins
    #expect(spec.rankers[3].params["model"] == nil)                       // a backend without model: changes nothing
    #expect(spec.fusers[0].params["model"] == .string("big-model"))
    #expect(spec.resolved.canonical.contains("\"model\":\"big-model\""))
    #expect(spec.backends["llm"]?.model == "big-model" && spec.backends["other"]?.model == nil)
}

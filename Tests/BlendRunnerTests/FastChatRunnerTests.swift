import BlendCore
import BlendData
import BlendReport
@testable import BlendRunner
import Foundation
import Testing

let fastChatFixture = packageRoot + "/Tests/Fixtures/fastchat-mini"

@Test("integration (SQLite on disk): Experiments/fastchat-mini.yaml runs on the llm_judge layout; the summary counts every irregularity; the empty answer is a ranked candidate shown as empty")
func fastChatExperimentRuns() async throws {
    let dir = try scratchDirectory()
    let spec = try ExperimentFile.load(packageRoot + "/Experiments/fastchat-mini.yaml", overrides: ["dataset.path=\(fastChatFixture)"])
    #expect(spec.dataset.source == .fastChat)
    let document = try await Runner(spec: spec, options: RunOptions(cachePath: dir + "/c.sqlite", resultsDirectory: dir + "/results", quiet: true)).run()
    #expect(document.data.loaded == 5)
    #expect(document.data.evaluated == 5)
    #expect(document.data.candidates == ["alpha", "beta", "gamma", "delta"])
    #expect(document.data.skipped == ["answer for an unknown question": 1, "missing candidate: delta": 1])
    #expect(document.data.droppedCandidates == ["duplicate answer": 1, "missing grade": 2])
    #expect(document.data.emptyAnswers == 1)
    #expect(document.aggregates["ranker:oracle"]?["oracle-rank"]?.mean == 1)
    // Question 85: beta's empty answer is graded 1 and is the shortest, so length (shortest) picks it.
    let q85 = try #require(document.examples.first { $0.id == "85" })
    #expect(q85.candidates == ["alpha", "beta", "gamma", "delta"])
    let shortest = try #require(document.methods.first { $0.label.contains("shortest") })
    #expect(q85.outcomes[shortest.key]?.selected == 1)
    #expect(q85.outcomes[shortest.key]?.values["judge-score"] == 1)
    #expect(q85.outcomes[shortest.key]?.values["oracle-rank"] == 4)
    let report = try String(contentsOfFile: dir + "/results/fastchat-mini/report.md", encoding: .utf8)
    #expect(report.contains("Candidates dropped: duplicate answer (1); missing grade (2). Empty answers kept as candidates: 1."))
    let browser = try String(contentsOfFile: dir + "/results/fastchat-mini/examples.html", encoding: .utf8)
    #expect(browser.contains("<em class=\"empty\">(empty answer)</em>"))
    for page in files(under: dir + "/results/fastchat-mini", extensions: ["html"]) {
        #expect(xhtmlProblem(try readText(dir + "/results/fastchat-mini/" + page)) == nil, "\(page)")
    }
}

@Test("data check: loads as a run would, lists every irregularity with file and row; unusable data is said so")
func dataCheckReports() throws {
    let spec = try DataCheck.dataset(source: "fastchat", path: fastChatFixture, overrides: ["dataset.annotator=gpt-4"])
    let report = DataCheck(spec: spec).run()
    #expect(report.usable)
    #expect(report.lines == [
        "fastchat at \(fastChatFixture)",
        "examples loaded: 5; evaluated: 5 (part: all)",
        "candidates (4): alpha, beta, gamma, delta",
        "candidates per example: 3 to 4",
        "empty answers kept as candidates: 1",
        "rows or examples skipped: 2 (answer for an unknown question: 1; missing candidate: delta: 1)",
        "candidates dropped: 3 (duplicate answer: 1; missing grade: 2)",
    ])
    #expect(report.irregularities.count == 7)
    #expect(report.irregularities.contains { $0.file.hasSuffix("model_judgment/gpt-4_single.jsonl") && $0.row == 14 && $0.action == .droppedCandidate })
    let strict = DataCheck(spec: try DataCheck.dataset(source: "fastchat", path: fastChatFixture, overrides: ["dataset.on_invalid=error"])).run()
    #expect(!strict.usable)
    #expect(strict.problem == "\(fastChatFixture)/model_answer/alpha.jsonl, row 7: answer of alpha for unknown question 99. Fix the row, or set dataset.on_invalid: skip-candidate (drop an unusable candidate) or skip (the whole row).")
    #expect(throws: SpecError.self) { try DataCheck.dataset(source: "fastchat", path: fastChatFixture, overrides: ["dataset.turn=0"]) }
    #expect(throws: SpecError.self) { try DataCheck.dataset(source: "nope", path: fastChatFixture, overrides: []) }
}

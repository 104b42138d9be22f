import BlendCore
import BlendModels
import BlendStore
@testable import BlendRunner
import Foundation
import Testing

/// A JSON-lines data set where the oracle prefers the long, on-topic answer: 40 examples, 4
/// candidates each, so a 50/50 split leaves about 20 to train on.
private func preferenceData(in dir: String) throws -> String {
    let lines = (0..<40).map { i in
        #"{"id": "p\#(i)", "instruction": "Explain topic \#(i) in a sentence.", "candidates": ["#
            + #"{"model": "good", "text": "Topic \#(i) is explained clearly here, with a reason and an example.", "score": 0.9}, "#
            + #"{"model": "terse", "text": "No.", "score": 0.1}, "#
            + #"{"model": "off", "text": "I like turtles \#(i).", "score": 0.2}, "#
            + #"{"model": "ok", "text": "Topic \#(i) is a thing.", "score": 0.5}]}"#
    }
    let path = dir + "/prefs.jsonl"
    try write(lines.joined(separator: "\n"), to: path)
    return path
}

private let modelDirectory = packageRoot + "/models/all-MiniLM-L6-v2"
private let small = "source_tokens: 8, candidate_tokens: 16, max_epochs: 3, hidden: 16"

@Test("integration (real MiniLM, SQLite on disk): trained rankers train once, store their weights, and a re-run trains nothing")
func trainedRankersAreStoredAndReused() async throws {
    let dir = try scratchDirectory()
    let data = try preferenceData(in: dir)
    let file = dir + "/train.yaml"
    try write("""
        name: train
        seed: 5
        dataset: {source: jsonl, path: \(data), split: {train: 0.5, test: 0.5}, evaluate: test}
        rankers:
          - oracle
          - {id: pair-ranker, model: \(modelDirectory), \(small)}
          - {id: summareranker, model: \(modelDirectory), \(small)}
        aggregation: [max-logits, bubble]
        """, to: file)
    let spec = try ExperimentFile.load(file)
    let options = RunOptions(cachePath: dir + "/cache.sqlite", resultsDirectory: dir + "/results", quiet: true,
                             encoders: NativeEncoderProvider(threads: 2))
    let first = try await Runner(spec: spec, options: options).run()
    let train = try #require(first.provenance.stages.first { $0.stage == "train" })
    #expect(train.misses == 2 && train.hits == 0, "pair-ranker trained once for both rules, summareranker once")
    let reports = try #require(first.training)
    #expect(Set(reports.keys) == ["pair-ranker(tokens=8/16)", "summareranker(tokens=8/16)"])
    for report in reports.values {
        #expect(report.trainExamples + report.validationExamples == first.data.splits["train"])
        #expect((1...3).contains(report.bestEpoch) && report.trainLoss.count <= 3)
    }
    // Rows name the weights they used, and they learned the easy preference.
    let pairRows = first.methods.filter { $0.label.hasPrefix("pair-ranker") }
    #expect(pairRows.count == 2 && pairRows.allSatisfy { $0.component?.canonical.contains("\"weights\":\"") == true })
    for row in pairRows + first.methods.filter({ $0.label.hasPrefix("summareranker") }) {
        let rank = try #require(first.aggregates[row.key]?["oracle-rank"]?.mean)
        #expect(rank < 2.5, "\(row.label) mean oracle rank \(rank) (random would be 2.5)")
    }

    let markdown = try String(contentsOfFile: dir + "/results/train/report.md", encoding: .utf8)
    #expect(markdown.contains("## Training") && markdown.contains("| pair-ranker(tokens=8/16) | "))
    let html = try String(contentsOfFile: dir + "/results/train/index.html", encoding: .utf8)
    #expect(html.contains("<h2>Training</h2>") && FileManager.default.fileExists(atPath: dir + "/results/train/tables/training.csv"))

    let second = try await Runner(spec: spec, options: options).run()
    let again = try #require(second.provenance.stages.first { $0.stage == "train" })
    #expect(again.misses == 0 && again.hits == 2)
    #expect(second.provenance.stages.first { $0.stage == "compare" }?.misses == 0)
    #expect(second.aggregates == first.aggregates)
    // A changed hyper-parameter trains anew.
    let changed = try ExperimentFile.load(file, overrides: [
        "rankers=[oracle, {id: pair-ranker, model: \(modelDirectory), \(small)}, {id: summareranker, model: \(modelDirectory), \(small), patience: 1}]",
    ])
    let third = try await Runner(spec: changed, options: options).run()
    #expect(third.provenance.stages.first { $0.stage == "train" }.map { ($0.hits, $0.misses) } ?? (0, 0) == (1, 1))
}

@Test("training data: a train_dataset block, a clear error when evaluated examples leak into it, and when there is no train part")
func trainingDataIsChecked() async throws {
    let dir = try scratchDirectory()
    let data = try preferenceData(in: dir)
    let leaking = dir + "/leak.yaml"
    try write("""
        name: leak
        dataset: {source: jsonl, path: \(data), split: {train: 0.5, test: 0.5}, evaluate: test}
        train_dataset: {source: jsonl, path: \(data), validation: 0.2}
        rankers: [{id: summareranker, model: \(modelDirectory), \(small)}]
        """, to: leaking)
    let spec = try ExperimentFile.load(leaking)
    #expect(spec.training?.explicit == true && spec.training?.dataset.evaluate == "all" && spec.training?.validation == 0.2)
    let options = RunOptions(cachePath: dir + "/cache.sqlite", resultsDirectory: dir + "/results", quiet: true,
                             encoders: NativeEncoderProvider(threads: 2))
    do {
        _ = try await Runner(spec: spec, options: options).run()
        Issue.record("a run whose training data holds its evaluated examples must fail")
    } catch let error as RunnerError {
        #expect("\(error)".contains("evaluated examples are also in the training data"))
    }
    // The same block, training on the train part only, runs.
    let fixed = try ExperimentFile.load(leaking, overrides: ["train_dataset.split={train: 0.5, test: 0.5}"])
    #expect(fixed.training?.dataset.evaluate == "train")
    _ = try await Runner(spec: fixed, options: options).run()

    let noSplit = dir + "/nosplit.yaml"
    try write("""
        name: nosplit
        dataset: {source: jsonl, path: \(data)}
        rankers:
          - oracle
          - {id: pair-ranker, model: \(modelDirectory)}
        """, to: noSplit)
    do {
        _ = try ExperimentFile.load(noSplit)
        Issue.record("a trained ranker without training data must be refused")
    } catch {
        #expect("\(error)".contains("nosplit.yaml:5"), "names the line: \(error)")
        #expect("\(error)".contains("pair-ranker is trained, but the data set has no 'train' part"))
    }
}

import BlendCore
import BlendStore
@testable import BlendRunner
import Foundation
import Testing

/// 45 examples, 4 candidates; the oracle prefers the longest answer, and model `wordy` gives it.
private func lengthData(in dir: String) throws -> String {
    let lines = (0..<45).map { i in
        #"{"id": "k\#(i)", "instruction": "Describe item \#(i).", "candidates": ["#
            + #"{"model": "wordy", "text": "Item \#(i) is described at length here, with reasons, details and an example.", "score": 0.9}, "#
            + #"{"model": "terse", "text": "Item \#(i).", "score": 0.1}, "#
            + #"{"model": "sorry", "text": "I'm sorry, I cannot describe item \#(i).", "score": 0.05}, "#
            + #"{"model": "mid", "text": "Item \#(i) is a nice item.", "score": 0.4}]}"#
    }
    let path = dir + "/length.jsonl"
    try write(lines.joined(separator: "\n"), to: path)
    return path
}

@Test("k-fold: every example is evaluated by a model that never trained on it; K trainings, cached; per-fold reports")
func crossFittedRun() async throws {
    let dir = try scratchDirectory()
    let data = try lengthData(in: dir)
    let file = dir + "/folds.yaml"
    try write("""
        name: folds
        seed: 11
        baseline: mid
        dataset: {source: jsonl, path: \(data), split: {folds: 3}}
        rankers: [oracle, stack, {id: stack, model_prior: false}]
        """, to: file)
    let spec = try ExperimentFile.load(file)
    let folds = try #require(spec.dataset.folds)
    #expect(folds == Folds(count: 3, seed: 11) && spec.dataset.evaluate == "all")

    // The split itself: fold k's training pool holds no example of fold k, and the folds cover all.
    let evaluation = try EvaluationData(spec: spec.dataset)
    let parts = try TrainStage.data(try #require(spec.training), loaded: evaluation.loaded, evaluated: evaluation.examples)
    #expect(parts.count == 3)
    for (k, part) in parts.enumerated() {
        let trainedOn = Set((part.train + part.validation).map(\.source))
        let scored = evaluation.examples.filter { folds.fold(of: $0) == k }
        #expect(!scored.isEmpty && scored.allSatisfy { !trainedOn.contains($0.source) })
        #expect(trainedOn.count + scored.count == evaluation.examples.count)
    }

    let options = RunOptions(cachePath: dir + "/cache.sqlite", resultsDirectory: dir + "/results", quiet: true)
    let first = try await Runner(spec: spec, options: options).run()
    #expect(first.data.evaluated == 45 && first.examples.count == 45)
    #expect(Set(first.data.splits.keys) == ["fold 1", "fold 2", "fold 3"])
    let train = try #require(first.provenance.stages.first { $0.stage == "train" })
    #expect(train.misses == 6 && train.hits == 0, "two stacks, three folds each")
    let reports = try #require(first.training)
    var expectedNames: Set<String> = []
    for name in ["stack", "stack(no prior)"] { for k in 1...3 { expectedNames.insert("\(name) [fold \(k)/3]") } }
    #expect(Set(reports.keys) == expectedNames)
    for (k, part) in parts.enumerated() {
        let report = try #require(reports["stack [fold \(k + 1)/3]"])
        #expect(report.trainExamples == part.train.count && report.validationExamples == part.validation.count)
        #expect(report.weights?.isEmpty == false)
    }
    for label in ["stack", "stack(no prior)"] {
        let row = try #require(first.methods.first { $0.label == label })
        #expect(first.aggregates[row.key]?["oracle-rank"]?.mean == 1, "\(label) learns that longer is better")
        #expect(row.component?.canonical.contains("\"folds\":{\"count\":3") == true)
    }

    let second = try await Runner(spec: spec, options: options).run()
    let again = try #require(second.provenance.stages.first { $0.stage == "train" })
    #expect(again.misses == 0 && again.hits == 6)
    #expect(second.provenance.stages.first { $0.stage == "rank" }?.misses == 0)
    #expect(second.aggregates == first.aggregates)
}

@Test("a stack trained on one data set and run on another names the models it has no prior for")
func unseenModelsAreNamed() async throws {
    let dir = try scratchDirectory()
    let data = try lengthData(in: dir)
    let other = dir + "/other.jsonl"
    try write(#"{"id": "o1", "instruction": "Something new.", "candidates": [{"model": "wordy", "text": "A long and careful answer to it.", "score": 0.8}, {"model": "stranger", "text": "Eh.", "score": 0.1}]}"#, to: other)
    let file = dir + "/other.yaml"
    try write("""
        name: other
        dataset: {source: jsonl, path: \(other)}
        train_dataset: {source: jsonl, path: \(data)}
        rankers: [stack]
        """, to: file)
    let document = try await Runner(spec: try ExperimentFile.load(file), options: RunOptions(cachePath: dir + "/c.sqlite", resultsDirectory: dir + "/r", quiet: true)).run()
    #expect(document.training?["stack"]?.unseenModels == ["stranger"])
    let markdown = try String(contentsOfFile: dir + "/r/other/report.md", encoding: .utf8)
    #expect(markdown.contains("stranger"))
}

@Test("bad stack and fold settings are errors at validation naming the key")
func badStackSpecs() throws {
    let dir = try scratchDirectory()
    let data = try lengthData(in: dir)
    func error(_ rankers: String, dataset: String = "split: {folds: 3}") throws -> String {
        let file = dir + "/bad.yaml"
        try write("""
            name: bad
            dataset: {source: jsonl, path: \(data), \(dataset)}
            rankers: \(rankers)
            """, to: file)
        do {
            _ = try ExperimentFile.load(file)
            return "no error"
        } catch let e as SpecError {
            return e.description
        }
    }
    #expect(try error("[oracle, {id: stack, inputs: [nope]}]").contains("rankers[1].inputs[0]: parameter 'inputs[0]': unknown ranker 'nope'"))
    #expect(try error("[{id: stack, inputs: [stack]}]").contains("rankers[0].inputs[0]"))
    #expect(try error("[{id: stack, inputs: [{id: llm-judge, backend: judge}]}]").contains("rankers[0].backend: no backend named 'judge'"))
    #expect(try error("[stack]", dataset: "split: {folds: 1}").contains("dataset.split.folds"))
    #expect(try error("[stack]", dataset: "split: {folds: 3, test: 0.5}").contains("dataset.split"))
    #expect(try error("[stack]", dataset: "split: {folds: 3}, evaluate: fold1").contains("dataset.evaluate"))
}

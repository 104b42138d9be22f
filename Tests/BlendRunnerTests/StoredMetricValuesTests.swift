import BlendCore
import BlendStore
@testable import BlendRunner
import Foundation
import Testing

/// JSON lines with two named references per example ("gpt4" and "human"), three candidates.
private func twoReferenceData(in dir: String) throws -> String {
    let lines = (0..<6).map { i in
        #"{"id": "q\#(i)", "instruction": "Question \#(i)?", "references": {"gpt4": "the cat sat on the mat \#(i)", "human": "a dog ran \#(i)"}, "candidates": [{"model": "a", "text": "the cat sat \#(i)", "score": 0.1}, {"model": "b", "text": "a dog ran fast \#(i)", "score": 0.5}, {"model": "c", "text": "nothing alike", "score": 0.2}]}"#
    }
    let path = dir + "/refs.jsonl"
    try write(lines.joined(separator: "\n"), to: path)
    return path
}

private func spec(data: String, reference: String, in dir: String) throws -> ExperimentSpec {
    try ExperimentFile.load(try experimentFile(in: dir, data: data), overrides: [
        "dataset.reference=\(reference)", "rankers=[oracle, {id: reference-metric, metric: bleu}]", "metrics=[oracle-rank, bleu, chrf]",
    ])
}

@Test("integration (SQLite on disk): a run stores every candidate's lexical metric values per example, and a re-run reads them instead of rescoring")
func aRunReadsStoredMetricValues() async throws {
    let dir = try scratchDirectory()
    let spec = try spec(data: try twoReferenceData(in: dir), reference: "gpt4", in: dir)
    let options = RunOptions(cachePath: dir + "/cache.sqlite", resultsDirectory: dir + "/results", quiet: true)
    let first = try await Runner(spec: spec, options: options).run()
    let examples = try EvaluationData(spec: spec.dataset).examples
    let bleu = BLEUMetric()
    let expected = examples.map { e in e.candidates.map { bleu.value(hypothesis: $0.text, reference: e.references["gpt4"]!) } }
    #expect(first.aggregates["ranker:oracle"]?["bleu"] != nil)

    // The stored entries hold exactly the values BLEU computes, one array per example.
    let store = try CacheStore(path: options.cachePath)
    let keys = try KeyContext(spec: spec, store: store)
    let stageKeys = examples.map { CacheKey(stage: StoredMetricValues.stage, component: bleu.displayName, fields: keys.fields(bleu, for: $0)) }
    let stored = try store.values(for: stageKeys)
    #expect(stored.count == examples.count)
    for (key, values) in zip(stageKeys, expected) {
        #expect(try JSONDecoder().decode([Double?].self, from: stored[key.digest]!) == values)
    }

    // Overwrite them: the re-run's BLEU column is what the cache says, so it was not rescored.
    try store.store(stageKeys.map { ($0, Data("[42,42,42]".utf8)) })
    let second = try await Runner(spec: spec, options: options).run()
    #expect(second.aggregates["llm:a"]?["bleu"]?.mean == 42)
    #expect(second.aggregates["ranker:oracle"]?["bleu"]?.mean == 42)
    #expect(second.aggregates["llm:a"]?["chrf"]?.mean == first.aggregates["llm:a"]?["chrf"]?.mean)
}

@Test("the key context adds the experiment's reference name to the keys of components that read the references, and only to theirs")
func keysOfReferenceReadersNameTheReference() throws {
    let example = Example(id: "q", instruction: "i", references: ["gpt4": "x y", "human": "y z"],
                          candidates: [Candidate(model: "a", text: "x")], oracle: .scores([:]))
    let ranker = try ReferenceMetricRanker(.with { $0.metric = .bleu })
    let gpt4 = KeyContext(seed: 1, reference: "gpt4"), human = KeyContext(seed: 1, reference: "human")
    #expect(gpt4.fields(ranker, for: example) != human.fields(ranker, for: example))
    #expect(gpt4.fields(BLEUMetric(), for: example).canonical.contains("\"reference\":\"gpt4\""))
    #expect(gpt4.fields(OracleRanker(), for: example) == human.fields(OracleRanker(), for: example))
    #expect(!gpt4.fields(OracleRanker(), for: example).canonical.contains("reference"))
}

@Test("integration (SQLite on disk): switching dataset.reference misses the reference-based entries instead of serving the other reference's")
func switchingTheReferenceMisses() async throws {
    let dir = try scratchDirectory()
    let data = try twoReferenceData(in: dir)
    let options = RunOptions(cachePath: dir + "/cache.sqlite", resultsDirectory: dir + "/results", quiet: true)
    let gpt4 = try await Runner(spec: try spec(data: data, reference: "gpt4", in: dir), options: options).run()
    let humanSpec = try spec(data: data, reference: "human", in: dir)
    let plan = try Runner(spec: humanSpec, options: options).plan()
    #expect(plan.lines.contains { $0.stage == "rank" && $0.component.hasPrefix("reference-metric") && $0.cached == 0 && $0.total > 0 })
    let human = try await Runner(spec: humanSpec, options: options).run()
    // Candidate b matches the human reference, a the GPT-4 one.
    #expect(gpt4.aggregates["llm:a"]!["bleu"]!.mean > gpt4.aggregates["llm:b"]!["bleu"]!.mean)
    #expect(human.aggregates["llm:b"]!["bleu"]!.mean > human.aggregates["llm:a"]!["bleu"]!.mean)
}

@Test("integration (SQLite on disk): a re-run reads each method's statistics from the cache, keyed by the values they read")
func aRunReadsStoredStatistics() async throws {
    let dir = try scratchDirectory()
    let spec = try spec(data: try twoReferenceData(in: dir), reference: "gpt4", in: dir)
    let options = RunOptions(cachePath: dir + "/cache.sqlite", resultsDirectory: dir + "/results", quiet: true)
    let first = try await Runner(spec: spec, options: options).run()
    let job = try #require(first.metrics.first { $0.id == "bleu" })
    // Recompute the job's key as the run did and overwrite the stored aggregate.
    var stream = SeededGenerator(seed: spec.seed, purpose: "bootstrap/" + job.id)
    var test = SeededGenerator(seed: spec.seed, purpose: "paired-test/" + job.id)
    let entry = ResultStatistics.Job(metric: job.id, method: "llm:a", bootstrapSeed: stream.next(), testSeed: test.next(),
                                     inputs: ResultStatistics.inputs(metric: job.id, method: "llm:a", examples: first.examples,
                                                                     baseline: first.experiment.baseline))
    let key = CacheKey(stage: "statistics", component: "aggregate", fields: entry.fields)
    let store = try CacheStore(path: options.cachePath)
    #expect(try store.values(for: [key]).count == 1)
    try store.store([(key, try JSONEncoder().encode(Aggregate(mean: -7, low: -8, high: -6, count: 1, pValue: nil)))])
    let second = try await Runner(spec: spec, options: options).run()
    #expect(second.aggregates["llm:a"]?[job.id]?.mean == -7)
    #expect(second.aggregates["llm:b"]?[job.id] == first.aggregates["llm:b"]?[job.id])
}

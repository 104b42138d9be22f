import BlendCore
import BlendReport
import BlendStore
@testable import BlendRunner
import Foundation
import Testing

@Test("integration (SQLite on disk): a run writes result.json and pages; a second run is served from the cache")
func runTwice() async throws {
    let dir = try scratchDirectory()
    let file = try experimentFile(in: dir, data: try smallDataSet(in: dir))
    let spec = try ExperimentFile.load(file)
    let options = RunOptions(cachePath: dir + "/cache.sqlite", resultsDirectory: dir + "/results", quiet: true)
    let first = try await Runner(spec: spec, options: options).run()
    #expect(first.provenance.stages.first { $0.stage == "rank" }?.misses == 24)
    for name in ["result.json", "report.md", "index.html"] {
        #expect(FileManager.default.fileExists(atPath: dir + "/results/exp/" + name))
    }
    // The oracle always picks b (score 0.5 beats 0, 0.1 and 0.2).
    #expect(first.aggregates["ranker:oracle"]?["oracle-rank"]?.mean == 1)
    #expect(first.aggregates["llm:b"]?["oracle-rank"]?.mean == 1)
    #expect(first.aggregates["llm:a"]?["oracle-rank"]?.pValue == nil)   // the baseline itself
    let second = try await Runner(spec: spec, options: options).run()
    #expect(second.provenance.stages.first { $0.stage == "rank" }?.hits == 24)
    #expect(second.provenance.stages.first { $0.stage == "rank" }?.misses == 0)
    // Apart from provenance, the two documents are identical.
    var a = first, b = second
    a.provenance = b.provenance
    #expect(try ResultFiles.encode(a) == ResultFiles.encode(b))
    let stats = try CacheStore(path: options.cachePath).stats()
    #expect(stats.lastRunStages.first?.hits == 24)
}

@Test("integration (SQLite on disk): changing a ranker's seed misses only that ranker, and explain names the field")
func changedSeedMissesOnlyThatRanker() async throws {
    let dir = try scratchDirectory()
    let data = try smallDataSet(in: dir)
    let options = RunOptions(cachePath: dir + "/cache.sqlite", resultsDirectory: dir + "/results", quiet: true)
    _ = try await Runner(spec: try ExperimentFile.load(try experimentFile(in: dir, data: data)), options: options).run()
    let changed = try ExperimentFile.load(dir + "/exp.yaml", overrides: ["rankers=[oracle, {id: random, seed: 2}]"])
    let result = try await Runner(spec: changed, options: options).run()
    let rank = try #require(result.provenance.stages.first { $0.stage == "rank" })
    #expect(rank.hits == 12 && rank.misses == 12)
    let explained = try #require(try CacheStore(path: options.cachePath).explain(experiment: "exp"))
    #expect(explained.map(\.differingFields) == [["component.params.seed"]])
    #expect(explained.first?.count == 12)
}

@Test("the split is by instruction hash: stable under reordering, and parts partition the data")
func splitByHash() throws {
    let examples = (0..<200).map { Example(id: ExampleID("e\($0)"), instruction: "instruction \($0)", candidates: [], oracle: .scores([:])) }
    let parts: [(name: String, fraction: Double)] = [("train", 0.7), ("test", 0.3)]
    let assigned = examples.map { DataSplit.part(of: $0, parts: parts) }
    let reversed = examples.reversed().map { DataSplit.part(of: $0, parts: parts) }
    #expect(assigned == Array(reversed.reversed()))
    let train = assigned.filter { $0 == "train" }.count
    #expect(train > 120 && train < 160)   // Binomial(200, 0.7): mean 140, sd 6.5
}

@Test("a baseline that is not a method is an error listing the methods")
func unknownBaseline() async throws {
    let dir = try scratchDirectory()
    let file = try experimentFile(in: dir, data: try smallDataSet(in: dir))
    let spec = try ExperimentFile.load(file, overrides: ["baseline=zzz"])
    await #expect(throws: RunnerError.self) {
        try await Runner(spec: spec, options: RunOptions(cachePath: dir + "/c.sqlite", resultsDirectory: dir + "/r", quiet: true)).run()
    }
}

@Test("integration (real data): the smoke experiment reproduces data.md's reference points")
func smokeOnRealData() async throws {
    let dir = try scratchDirectory()
    let spec = try ExperimentFile.load(packageRoot + "/Experiments/smoke.yaml",
                                       overrides: ["dataset.path=\(packageRoot)/data/alpaca_eval"])
    let result = try await Runner(spec: spec, options: RunOptions(cachePath: dir + "/c.sqlite", resultsDirectory: dir, quiet: true)).run()
    #expect(result.data.evaluated == 405)
    #expect(result.data.skipped == ["missing candidate: minotaur-13b": 1])
    let wizard = try #require(result.aggregates["llm:wizardlm-13b"]?["oracle-rank"])
    #expect(abs(wizard.mean - 5.160) < 0.001)
    let best = result.methods.filter { $0.group == .llm }.min { result.aggregates[$0.key]!["oracle-rank"]!.mean < result.aggregates[$1.key]!["oracle-rank"]!.mean }
    #expect(best?.label == "wizardlm-13b")
    #expect(result.aggregates["ranker:oracle"]?["oracle-rank"]?.mean == 1)
    let random = try #require(result.aggregates["ranker:random(seed=0)"]?["oracle-rank"])
    #expect(random.low < 7.45 + 0.6 && random.high > 7.45 - 0.6)
}

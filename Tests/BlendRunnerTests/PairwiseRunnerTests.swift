import BlendCore
import BlendStore
@testable import BlendRunner
import Foundation
import Testing

@Test("integration (SQLite on disk): a pairwise ranker gives one row per aggregation rule; rules share stored comparisons")
func pairwiseRowsShareComparisons() async throws {
    let dir = try scratchDirectory()
    let file = try experimentFile(in: dir, data: try smallDataSet(in: dir), extra: """
        aggregation: [bubble, max-logits, {id: elo, k: 16}]
        """)
    let spec = try ExperimentFile.load(file, overrides: ["rankers=[oracle, {id: oracle-pair, bias: 0.05}]"])
    let options = RunOptions(cachePath: dir + "/cache.sqlite", resultsDirectory: dir + "/results", quiet: true)
    let first = try await Runner(spec: spec, options: options).run()
    let labels = first.methods.map(\.label)
    #expect(labels.filter { $0.hasPrefix("oracle-pair(bias=0.05") }.count == 3)
    #expect(labels.contains { $0.hasSuffix(" + bubble") } && labels.contains { $0.hasSuffix(" + elo(k=16)") })
    // A consistent comparator: every rule finds the oracle's best (b) on every example.
    for key in first.methods.map(\.key) where key.hasPrefix("ranker:oracle-pair") {
        #expect(first.aggregates[key]?["oracle-rank"]?.mean == 1)
    }
    // 12 examples x 3 candidates x 2 orders: max-logits and elo need all 6 ordered pairs; bubble reuses them.
    let compare = try #require(first.provenance.stages.first { $0.stage == "compare" })
    #expect(compare.misses == 72 && compare.hits == 0)
    let second = try await Runner(spec: spec, options: options).run()
    let again = try #require(second.provenance.stages.first { $0.stage == "compare" })
    #expect(again.misses == 0 && again.hits == 72)
}

@Test("an unknown aggregation rule is an error naming the key path and the known rules")
func unknownAggregationRule() throws {
    let dir = try scratchDirectory()
    let file = try experimentFile(in: dir, data: try smallDataSet(in: dir), extra: "aggregation: [max-logit]")
    #expect(throws: (any Error).self) { try ExperimentFile.load(file) }
    do {
        _ = try ExperimentFile.load(file)
    } catch {
        #expect("\(error)".contains("aggregation[0].id: unknown aggregation rule 'max-logit'; known aggregation rules: max-logits, max-wins, bubble"))
    }
}

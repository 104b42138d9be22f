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

@Test("integration (SQLite on disk): each example's complete comparison matrix is stored as one entry holding exactly the stored pairs; a re-run reads it, and a damaged one falls back to the pairs")
func comparisonMatrixPerExample() async throws {
    let dir = try scratchDirectory()
    let file = try experimentFile(in: dir, data: try smallDataSet(in: dir), extra: "aggregation: [max-logits, bubble]")
    let spec = try ExperimentFile.load(file, overrides: ["rankers=[oracle, {id: oracle-pair, bias: 0.05}]"])
    let options = RunOptions(cachePath: dir + "/cache.sqlite", resultsDirectory: dir + "/results", quiet: true)
    let first = try await Runner(spec: spec, options: options).run()
    let store = try CacheStore(path: options.cachePath)
    #expect(try store.stats().stages.first { $0.stage == "compare-matrix" }?.rows == 12)

    let examples = try EvaluationData(spec: spec.dataset).examples
    let keys = try KeyContext(spec: spec, store: store)
    guard case .pairwise(let comparator) = try #require(spec.rankers.last).made else { Issue.record("oracle-pair is pairwise"); return }
    let shared = examples.map { CompareStage.Shared(keys.fields(comparator, for: $0)) }
    func matricesMatchPairs() throws {
        let matrices = try StoredMatrix.read(comparator, shared: shared, examples: examples, store: store)
        for (e, matrix) in matrices.enumerated() {
            let matrix = try #require(matrix)
            let pairKeys = CompareStage.pairs(3).map { CompareStage.key(comparator, fields: shared[e], $0.0, $0.1) }
            let stored = try store.values(for: pairKeys)
            for ((i, j), key) in zip(CompareStage.pairs(3), pairKeys) {
                let pair = try JSONDecoder().decode(Double.self, from: try #require(stored[key.digest]))
                #expect(matrix[i][j]?.bitPattern == pair.bitPattern)
            }
            #expect(matrix.indices.allSatisfy { matrix[$0][$0] == nil })
        }
    }
    try matricesMatchPairs()

    // Re-run from the matrices: the same results and hit counts as from the pairs.
    let second = try await Runner(spec: spec, options: options).run()
    #expect(second.examples == first.examples && second.aggregates == first.aggregates)
    #expect(second.provenance.stages.first { $0.stage == "compare" }.map { [$0.hits, $0.misses] } == [72, 0])

    // Damaged matrices (too short, a missing entry) are read as absent: the pairs serve, nothing is
    // computed, and the matrices are written again.
    let short = Data(#"{"count":3,"logits":"AAAA"}"#.utf8)
    let holed = try JSONEncoder().encode(StoredMatrix([[nil, 1, 2], [3, nil, nil], [4, 5, nil]]))
    try store.store(examples.indices.map { (CompareStage.matrixKey(comparator, fields: shared[$0], count: 3), $0 % 2 == 0 ? short : holed) })
    let third = try await Runner(spec: spec, options: options).run()
    #expect(third.examples == first.examples && third.aggregates == first.aggregates)
    #expect(third.provenance.stages.first { $0.stage == "compare" }.map { [$0.hits, $0.misses] } == [72, 0])
    try matricesMatchPairs()
}

@Test("a stored comparison matrix round-trips every value bit for bit, the diagonal empty")
func storedMatrixRoundTrip() throws {
    let m: [[Double?]] = [[nil, -0.0, 1e-300], [.pi, nil, -7.25e12], [0.1, -1, nil]]
    let decoded = try #require(try JSONDecoder().decode(StoredMatrix.self, from: JSONEncoder().encode(StoredMatrix(m))).matrix)
    #expect(decoded.count == 3)
    for i in 0..<3 { for j in 0..<3 { #expect(decoded[i][j]?.bitPattern == m[i][j]?.bitPattern) } }
    for malformed in [#"{"count": 3, "logits": "not base64"}"#, #"{"count": 0, "logits": ""}"#, #"{"count": 2, "logits": "AAAAAAAA"}"#] {
        #expect(try JSONDecoder().decode(StoredMatrix.self, from: Data(malformed.utf8)).matrix == nil)
    }
}

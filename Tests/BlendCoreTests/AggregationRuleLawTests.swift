import BlendCore
import Testing

/// The laws every aggregation rule in the catalog keeps, run over each catalog entry.
@Suite("aggregation rule laws")
struct AggregationRuleLawTests {
    static let ids = Catalog.aggregationRules.map { $0.id }

    func make(_ id: String) throws -> any AggregationRule {
        try Catalog.make(Catalog.aggregationRules, kind: "aggregation rule", id: id, params: [:])
    }

    /// A random N x N matrix of logits in [-3, 3), seeded.
    static func randomMatrix(_ n: Int, seed: UInt64) throws -> ComparisonMatrix {
        var rng = SeededGenerator(seed: seed)
        return try ComparisonMatrix(logits: (0..<n).map { i in (0..<n).map { j in i == j ? nil : rng.unit() * 6 - 3 } })
    }

    /// M[i][j] = s_i - s_j + bias: a consistent comparator with a position bias, distinct strengths.
    static func strengthMatrix(_ strengths: [Double], bias: Double = 0.3) throws -> ComparisonMatrix {
        try ComparisonMatrix(logits: strengths.indices.map { i in strengths.indices.map { j in i == j ? nil : strengths[i] - strengths[j] + bias } })
    }

    /// The matrix with candidates relabelled: new candidate a is old candidate perm[a].
    static func relabel(_ m: ComparisonMatrix, _ perm: [Int]) throws -> ComparisonMatrix {
        try ComparisonMatrix(logits: perm.indices.map { a in perm.indices.map { b in a == b ? nil : m[perm[a], perm[b]] } })
    }

    @Test("the ranking is a permutation and the scores agree with it, N = 1...7", arguments: ids)
    func permutation(id: String) async throws {
        for n in 1...7 {
            let result = try await make(id).aggregate(try Self.randomMatrix(n, seed: UInt64(n)), seed: 3, purpose: "e\(n)")
            #expect(result.ranking.sorted() == Array(0..<n))
            #expect(result.scores.count == n && result.scores.allSatisfy { $0.isFinite })
            for (a, b) in zip(result.ranking, result.ranking.dropFirst()) { #expect(result.scores[a] >= result.scores[b]) }
        }
    }

    @Test("deterministic for a seed", arguments: ids)
    func deterministic(id: String) async throws {
        let m = try Self.randomMatrix(6, seed: 11)
        let first = try await make(id).aggregate(m, seed: 9, purpose: "x")
        let second = try await make(id).aggregate(m, seed: 9, purpose: "x")
        #expect(first == second)
    }

    @Test("N = 1 ranks the one candidate; N = 2 puts the preferred one first", arguments: ids)
    func smallN(id: String) async throws {
        let one = try await make(id).aggregate(try ComparisonMatrix(logits: [[nil]]), seed: 1, purpose: "one")
        #expect(one.ranking == [0])
        for seed in UInt64(0)..<4 {
            let two = try await make(id).aggregate(try ComparisonMatrix(logits: [[nil, -2], [1.5, nil]]), seed: seed, purpose: "two")
            #expect(two.ranking == [1, 0])
        }
    }

    @Test("rules that claim it are invariant to candidate order", arguments: ids)
    func orderInvariance(id: String) async throws {
        let rule = try make(id)
        guard type(of: rule).isOrderInvariant else { return }
        let perm = [3, 0, 5, 1, 4, 2]
        let consistent = try Self.strengthMatrix([0.1, 1.7, -0.4, 2.2, 0.9, -1.3])
        let random = try Self.randomMatrix(6, seed: 21)
        for m in [consistent] + (id == FullSortRule.id ? [] : [random]) {
            let original = try await rule.aggregate(m, seed: 1, purpose: "p")
            let relabelled = try await rule.aggregate(try Self.relabel(m, perm), seed: 1, purpose: "p")
            // Tied scores keep index order, which relabelling changes; compare rankings when tie-free.
            if Set(original.scores).count == original.scores.count { #expect(relabelled.ranking.map { perm[$0] } == original.ranking) }
            for a in perm.indices { #expect(abs(relabelled.scores[a] - original.scores[perm[a]]) < 1e-9) }
        }
    }

    @Test("with a consistent comparator every rule ranks by strength or at least finds the best", arguments: ids)
    func consistent(id: String) async throws {
        let strengths = [0.1, 1.7, -0.4, 2.2, 0.9, -1.3]
        // random-pairs below fraction 1 may leave the best out of every asked pair; at 1 it is max-logits.
        let rule = id == RandomPairsRule.id ? RandomPairsRule(.with { $0.fraction = 1 }) : try make(id)
        let result = try await rule.aggregate(try Self.strengthMatrix(strengths), seed: 5, purpose: "c")
        #expect(result.ranking.first == 3)
        if id != BubbleRule.id && id != EloRule.id { #expect(result.ranking == Ranking.order(scores: strengths)) }
    }

    @Test("an empty source is an error, not a crash", arguments: ids)
    func empty(id: String) async throws {
        await #expect(throws: AggregationError.emptyMatrix) {
            try await make(id).aggregate(ComparisonMatrix(count: 0), seed: 0, purpose: "empty")
        }
    }

    @Test("an empty or non-square matrix is an error that says what to fix")
    func badMatrices() {
        #expect(throws: AggregationError.emptyMatrix) { try ComparisonMatrix(logits: []) }
        #expect(throws: AggregationError.notSquare(row: 1, length: 1, expected: 2)) { try ComparisonMatrix(logits: [[nil, 1], [2]]) }
        #expect(AggregationError.notSquare(row: 1, length: 1, expected: 2).description
                == "the comparison matrix is not square: row 1 has 1 entries but there are 2 rows; give N rows of N entries (null where not compared)")
    }

    @Test("the catalog lists no rule twice, ids are kebab-case, bad parameters are errors")
    func catalog() {
        #expect(Set(Self.ids).count == Self.ids.count)
        #expect(Self.ids.allSatisfy { $0.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } })
        #expect(throws: ParameterError.invalid(key: "k", message: "must be positive")) {
            try Catalog.make(Catalog.aggregationRules, kind: "aggregation rule", id: "elo", params: ["k": .int(0)])
        }
        #expect(throws: CatalogError.unknownID(kind: "aggregation rule", id: "nope", known: Self.ids)) {
            try Catalog.make(Catalog.aggregationRules, kind: "aggregation rule", id: "nope", params: [:])
        }
    }
}

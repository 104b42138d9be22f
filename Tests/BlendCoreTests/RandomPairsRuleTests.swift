import BlendCore
import Testing

@Suite("random-pairs aggregation")
struct RandomPairsRuleTests {
    func make(_ fraction: Double) throws -> any AggregationRule {
        try Catalog.make(Catalog.aggregationRules, kind: "aggregation rule", id: "random-pairs", params: ["fraction": .double(fraction)])
    }

    @Test("fraction 1 asks every pair and equals max-logits")
    func wholeMatrixIsMaxLogits() async throws {
        for seed in UInt64(1)...5 {
            let m = try AggregationRuleLawTests.randomMatrix(7, seed: seed)
            let all = try await make(1).aggregate(m, seed: seed, purpose: "e")
            let max = try await MaxLogitsRule().aggregate(m, seed: seed, purpose: "e")
            #expect(all.ranking == max.ranking)
            for (a, b) in zip(all.scores, max.scores) { #expect(abs(a - b) < 1e-9) }
        }
    }

    @Test("it reads exactly 2 ceil(f N(N-1)/2) entries, both orders of each asked pair", arguments: [0.1, 0.25, 0.3, 0.5, 0.75, 1.0])
    func statedComparisons(fraction: Double) async throws {
        let rule = RandomPairsRule(.with { $0.fraction = fraction })
        for n in [2, 3, 5, 14] {
            let m = try AggregationRuleLawTests.randomMatrix(n, seed: UInt64(n))
            let lazy = LazyComparisonMatrix(count: n) { i, j in m[i, j] }
            _ = try await rule.aggregate(lazy, seed: 1, purpose: "x")
            let filled = await lazy.matrix
            let expected = 2 * Int((fraction * Double(n * (n - 1) / 2) - 1e-9).rounded(.up))
            #expect(filled.calls == expected && rule.comparisons(n: n) == expected)
            for i in 0..<n { for j in 0..<n where i != j { #expect((filled[i, j] == nil) == (filled[j, i] == nil)) } }
        }
        #expect(RandomPairsRule(.with { $0.fraction = 0.3 }).pairs(n: 5) == 3)   // 0.3 x 10 is 3, not 4
        #expect(RandomPairsRule(.with { $0.fraction = 0.01 }).pairs(n: 2) == 1)  // at least one pair when there is one
    }

    @Test("the subset is seeded per (seed, example): same inputs same subset, other examples other subsets")
    func seededSubsets() async throws {
        let m = try AggregationRuleLawTests.randomMatrix(14, seed: 2)
        func asked(_ seed: UInt64, _ purpose: String) async throws -> ComparisonMatrix {
            let lazy = LazyComparisonMatrix(count: 14) { i, j in m[i, j] }
            _ = try await RandomPairsRule(.with { $0.fraction = 0.25 }).aggregate(lazy, seed: seed, purpose: purpose)
            return await lazy.matrix
        }
        let a = try await asked(1, "e1"), again = try await asked(1, "e1")
        let otherExample = try await asked(1, "e2"), otherSeed = try await asked(2, "e1")
        #expect(a == again && a.calls == 2 * 23)
        #expect(a != otherExample && a != otherSeed)
    }

    @Test("a candidate in no asked pair scores 0; the score is the debiased sum over asked pairs")
    func scoresOverAskedPairs() async throws {
        // N = 3, fraction 1/3: one pair asked; the third candidate scores 0.
        let m = try ComparisonMatrix(logits: [[nil, 2, 1], [-1, nil, 3], [0.5, -2, nil]])
        let lazy = LazyComparisonMatrix(count: 3) { i, j in m[i, j] }
        let result = try await RandomPairsRule(.with { $0.fraction = 0.3 }).aggregate(lazy, seed: 4, purpose: "p")
        let filled = await lazy.matrix
        let pairs = [(0, 1), (0, 2), (1, 2)].filter { filled[$0.0, $0.1] != nil }
        #expect(pairs.count == 1)
        let (i, j) = pairs[0]
        let d = (m[i, j] ?? 0) - (m[j, i] ?? 0)
        #expect(result.scores[i] == d && result.scores[j] == -d)
        #expect(result.scores[3 - i - j] == 0)
    }

    @Test("fraction outside (0, 1] is an error naming the parameter")
    func badFraction() {
        for bad in [0.0, -0.5, 1.5] {
            #expect(throws: ParameterError.invalid(key: "fraction", message: "must be in (0, 1]")) { try make(bad) }
        }
    }
}

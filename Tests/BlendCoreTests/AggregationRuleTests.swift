import Foundation
@testable import BlendCore
import Testing

/// Hand-worked examples, one per rule. The 3 x 3 matrix below has a Copeland cycle:
/// debiased d(0,1) = 2 - 1 = 1, d(0,2) = -1 - 0.5 = -1.5, d(1,2) = 3 + 2 = 5.
@Suite("aggregation rules, hand-worked")
struct AggregationRuleTests {
    static func cycle() throws -> ComparisonMatrix {
        try ComparisonMatrix(logits: [[nil, 2, -1], [1, nil, 3], [0.5, -2, nil]])
    }

    @Test("max-logits: s = (1 - 1.5, -1 + 5, 1.5 - 5)")
    func maxLogits() async throws {
        let r = try await MaxLogitsRule().aggregate(try Self.cycle(), seed: 0, purpose: "")
        #expect(r.scores == [-0.5, 4, -3.5])
        #expect(r.ranking == [1, 0, 2])
    }

    @Test("max-wins: left wins plus right wins = (1, 3, 2)")
    func maxWins() async throws {
        let r = try await MaxWinsRule().aggregate(try Self.cycle(), seed: 0, purpose: "")
        #expect(r.scores == [1, 3, 2])
        #expect(r.ranking == [1, 2, 0])
    }

    @Test("copeland: a cycle gives one win each; ties keep index order")
    func copeland() async throws {
        let r = try await CopelandRule().aggregate(try Self.cycle(), seed: 0, purpose: "")
        #expect(r.scores == [1, 1, 1])
        #expect(r.ranking == [0, 1, 2])
    }

    @Test("borda: sigmoid(ln 3) = 0.75 from the one compared order")
    func borda() async throws {
        let r = try await BordaRule().aggregate(try ComparisonMatrix(logits: [[nil, log(3)], [nil, nil]]), seed: 0, purpose: "")
        #expect(abs(r.scores[0] - 0.75) < 1e-12 && abs(r.scores[1] - 0.25) < 1e-12)
    }

    @Test("bradley-terry: two wins plus 0.5 pseudo-wins each give strengths 2.5 : 0.5")
    func bradleyTerry() async throws {
        let r = try await BradleyTerryRule().aggregate(try ComparisonMatrix(logits: [[nil, 1], [-1, nil]]), seed: 0, purpose: "")
        #expect(abs((r.scores[0] - r.scores[1]) - log(5)) < 1e-6)
    }

    @Test("elo: one decided game from equal ratings moves each by K/2")
    func elo() async throws {
        let r = try await EloRule(.with { $0.k = 32 }).aggregate(try ComparisonMatrix(logits: [[nil, 1], [-1, nil]]), seed: 0, purpose: "")
        #expect(r.scores == [16, -16])
    }

    @Test("full-sort: with budget 1 only the first merge asks; then the left run stays first")
    func fullSortBudget() async throws {
        let m = try ComparisonMatrix(logits: [[nil, -1, -2], [1, nil, -1], [2, 1, nil]])
        let lazy = LazyComparisonMatrix(count: 3) { i, j in m[i, j] }
        let r = try await FullSortRule(.with { $0.budget = 1 }).aggregate(lazy, seed: 0, purpose: "")
        #expect(r.ranking == [0, 2, 1])
        #expect(await lazy.matrix.calls == 2)
        let unlimited = try await FullSortRule().aggregate(m, seed: 0, purpose: "")
        #expect(unlimited.ranking == [2, 1, 0])
    }

    @Test("bubble: follows the seeded permutation, both orders per pair, 2(N-1) calls, a tie goes to the later item")
    func bubble() async throws {
        var rng = SeededGenerator(seed: 7, purpose: "bubble/e")
        let perm = BubbleRule.permutation(4, using: &rng)
        // All comparisons tie: nxt always stays at slot k+1, so the last of the permutation wins
        // and the losers, in reverse elimination order, are perm[2], perm[1], perm[0].
        let ties = LazyComparisonMatrix(count: 4) { _, _ in 0 }
        let r = try await BubbleRule().aggregate(ties, seed: 7, purpose: "e")
        #expect(r.ranking == [perm[3], perm[2], perm[1], perm[0]])
        #expect(await ties.matrix.calls == 6)
        // A consistent comparator: the best wins from any start.
        let strengths = [0.3, -1.0, 2.0, 0.5]
        for seed in UInt64(0)..<10 {
            let m = try ComparisonMatrix(logits: (0..<4).map { i in (0..<4).map { j in i == j ? nil : strengths[i] - strengths[j] } })
            #expect(try await BubbleRule().aggregate(m, seed: seed, purpose: "e").ranking.first == 2)
        }
    }

    @Test("the seeded permutation is uniform: each candidate starts last about 1/4 of the time")
    func bubblePermutation() {
        var counts = [0, 0, 0, 0]
        for i in 0..<4000 {
            var rng = SeededGenerator(seed: 1, purpose: "p\(i)")
            let p = BubbleRule.permutation(4, using: &rng)
            #expect(p.sorted() == [0, 1, 2, 3])
            if let last = p.last { counts[last] += 1 }
        }
        // Binomial(4000, 1/4): sd 27; 5 sd is 137.
        #expect(counts.allSatisfy { abs($0 - 1000) < 137 })
    }

    @Test("a lazy matrix asks each ordered pair once and never the diagonal")
    func lazyMatrix() async throws {
        let lazy = LazyComparisonMatrix(count: 3) { i, j in Double(i - j) }
        _ = try await MaxLogitsRule().aggregate(lazy, seed: 0, purpose: "")
        _ = try await MaxWinsRule().aggregate(lazy, seed: 0, purpose: "")
        #expect(await lazy.matrix.calls == 6)
        #expect(try await lazy.logit(1, 1) == nil)
    }
}

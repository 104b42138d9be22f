import Testing
@testable import BlendCore

struct RankerDiagnosticsTests {
    let models: [ModelName] = ["a", "b", "c"]

    @Test func oracleAgreesPerfectly() throws {
        let obs = [RankerDiagnostics.Observation(models: models, scores: [3, 2, 1], oracleRanks: [1, 2, 3]),
                   RankerDiagnostics.Observation(models: models, scores: [1, 3, 2], oracleRanks: [3, 1, 2])]
        let d = try #require(RankerDiagnostics(obs))
        func one(_ v: Double?) -> Bool { v.map { abs($0 - 1) < 1e-12 } ?? false }
        #expect(one(d.perExample.spearman) && one(d.perExample.kendallTauB) && d.perExample.count == 2)
        #expect(one(d.perModel.pearson) && d.perModel.count == 3)
        #expect(d.footrule == 0)
        #expect(d.topKRecall.map(\.value) == [1, 1, 1])
    }

    /// Two examples, ranker ranks vs oracle ranks:
    /// e1: ranker [1,2,3], oracle [3,2,1] -> footrule 4, per-example Spearman -1;
    /// e2: ranker [1,2,3], oracle [1,2,3] -> footrule 0, Spearman 1.
    /// Per model: a (1,1) vs (3,1) -> ranker constant -> undefined, as b and c: count 0.
    @Test func handWorked() throws {
        let obs = [RankerDiagnostics.Observation(models: models, scores: [3, 2, 1], oracleRanks: [3, 2, 1]),
                   RankerDiagnostics.Observation(models: models, scores: [3, 2, 1], oracleRanks: [1, 2, 3])]
        let d = try #require(RankerDiagnostics(obs))
        #expect(d.footrule == 2)
        #expect(d.perExample.spearman == 0 && d.perExample.count == 2)
        #expect(d.perModel.count == 0 && d.perModel.pearson == nil)
        // Top-1: e1 picks a (oracle rank 3) -> 0; e2 picks a (rank 1) -> 1; mean 0.5.
        #expect(d.topKRecall.first { $0.k == 1 }?.value == 0.5)
    }

    /// Oracle ranks [1, 1, 3] (a tie for first): the ranker's top 1 is c -> 0; its top 3 holds
    /// both tied winners... K = 1 counts min(1, 2) = 1 slot.
    @Test func recallWithOracleTies() {
        #expect(RankerDiagnostics.recall(scores: [0, 1, 2], oracleRanks: [1, 1, 3], k: 1) == 0)
        #expect(RankerDiagnostics.recall(scores: [2, 1, 0], oracleRanks: [1, 1, 3], k: 1) == 1)
        #expect(RankerDiagnostics.recall(scores: [0, 1, 2], oracleRanks: [1, 1, 3], k: 2) == 0.5)
    }

    @Test func emptyIsNil() {
        #expect(RankerDiagnostics([]) == nil)
    }
}

import Testing
@testable import BlendCore

/// Expected values from scipy 1.17 (pearsonr, spearmanr, kendalltau, rankdata).
struct CorrelationTests {
    func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-12 } ?? false }

    /// x = 1..5, y = 2 1 4 3 5: sum dx*dy = 8, sum dx^2 = sum dy^2 = 10 -> r = 0.8; no ties so
    /// Spearman = 0.8; pairs: 10, discordant (1,2) and (3,4) -> tau = (8 - 2) / 10 = 0.6.
    @Test func handWorkedWithoutTies() {
        let x: [Double] = [1, 2, 3, 4, 5], y: [Double] = [2, 1, 4, 3, 5]
        #expect(close(Correlation.pearson(x, y), 0.8))
        #expect(close(Correlation.spearman(x, y), 0.8))
        #expect(close(Correlation.kendallTauB(x, y), 0.6))
    }

    @Test func tiesAsScipy() {
        let x: [Double] = [1, 2, 2, 3, 5, 5], y: [Double] = [3, 1, 2, 2, 6, 4]
        #expect(Correlation.averageRanks(x) == [1, 2.5, 2.5, 4, 5.5, 5.5])
        #expect(Correlation.averageRanks(y) == [4, 1, 2.5, 2.5, 6, 5])
        #expect(close(Correlation.pearson(x, y), 0.7349684152591671))
        #expect(close(Correlation.spearman(x, y), 0.5821543981758688))
        #expect(close(Correlation.kendallTauB(x, y), 0.44474958999666075))
    }

    @Test func negative() {
        let x: [Double] = [1, 1, 2, 3], y: [Double] = [4, 3, 2, 1]
        #expect(close(Correlation.pearson(x, y), -0.9438798074485388))
        #expect(close(Correlation.spearman(x, y), -0.9486832980505139))
        #expect(close(Correlation.kendallTauB(x, y), -0.912870929175277))
    }

    @Test func undefinedCasesAreNil() {
        #expect(Correlation.pearson([1, 1, 1], [1, 2, 3]) == nil)
        #expect(Correlation.spearman([1], [2]) == nil)
        #expect(Correlation.kendallTauB([2, 2], [1, 3]) == nil)
        #expect(Correlation.pearson([1, 2], [1]) == nil)
    }

    @Test func footrule() {
        #expect(Correlation.footrule([1, 2, 3, 4], [4, 3, 2, 1]) == 8)
        #expect(Correlation.footrule([1, 1, 3], [1, 1, 3]) == 0)
    }
}

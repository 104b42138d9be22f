import BlendCore
import Testing

@Test("score oracle ranks candidates by the judge's score")
func scoreOracle() {
    let oracle = Oracle.scores(["a": 0.1, "b": 0.7, "c": 0.1])
    #expect(oracle.ranks(models: ["a", "b", "c"]) == [2, 1, 2])
    #expect(oracle.compare("a", "c") == 0)
    #expect(oracle.compare("b", "a") == 1)
    #expect(oracle.score(of: "b") == 0.7)
}

@Test("pairwise oracle is the paper's GPT-Rank: net wins with Same good/bad at 0.5")
func pairwiseOracle() {
    // a beats b, b beats c (seen as "c,b": B is better), a vs c Same good.
    // M[a][b]=1, M[b][a]=-1, M[b][c]=1, M[c][b]=-1, M[a][c]=M[c][a]=0.5.
    // s_a = (1-(-1)) + (0.5-0.5) = 2; s_b = (-1-1) + (1-(-1)) = 0; s_c = (0.5-0.5) + (-1-1) = -2.
    let oracle = Oracle.pairwise([
        PairVerdict(a: "a", b: "b", outcome: .aBetter),
        PairVerdict(a: "c", b: "b", outcome: .bBetter),
        PairVerdict(a: "a", b: "c", outcome: .sameGood),
    ])
    #expect(oracle.oracleScores(models: ["a", "b", "c"]) == [2, 0, -2])
    #expect(oracle.ranks(models: ["a", "b", "c"]) == [1, 2, 3])
    #expect(oracle.compare("b", "c") == 1)
    #expect(oracle.compare("c", "a") == 0)
    #expect(oracle.compare("a", "z") == nil)
}

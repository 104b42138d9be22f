import BlendCore
import Testing

@Test("competition ranks: ties share the best rank (the paper's get_ranks_from_scores)")
func tiesShareBestRank() {
    #expect(Ranking.competitionRanks(scores: [0.2, 0.9, 0.2, 0.5]) == [3, 1, 3, 2])
    #expect(Ranking.competitionRanks(scores: [1, 1, 1]) == [1, 1, 1])
    #expect(Ranking.competitionRanks(scores: [.nan, 0, -1]) == [3, 1, 2])
    #expect(Ranking.competitionRanks(scores: []) == [])
}

@Test("order is a permutation, best first, ties in index order")
func orderIsStablePermutation() {
    #expect(Ranking.order(scores: [0.2, 0.9, 0.2, 0.5]) == [1, 3, 0, 2])
    #expect(Ranking.order(scores: [0, 0]) == [0, 1])
}

import BlendCore
import Testing

@Test("mbr: the candidate that shares most words with the others scores highest; N = 1 scores 0")
func mbrConsensus() async throws {
    let example = Fixtures.example(texts: ["the cat sat on the mat", "the cat sat on a mat", "stocks fell sharply today"],
                                   scores: [0, 0, 0])
    let ranker = MBRRanker(.with { $0.metric = .rougeL })
    let scores = try await ranker.scores(for: example, context: ComponentContext(seed: 0))
    // ROUGE-L F: s0 = s1 = (5/6 + 0) / 2 (LCS "the cat sat on mat" = 5 of 6 words each way); s2 = 0.
    #expect(abs(scores[0] - 5.0 / 12) < 1e-12 && abs(scores[1] - 5.0 / 12) < 1e-12)
    #expect(scores[2] == 0)
    let one = try await ranker.scores(for: Fixtures.example(texts: ["alone"], scores: [0]), context: ComponentContext(seed: 0))
    #expect(one == [0])
}

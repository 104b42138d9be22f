import BlendCore
import Testing
@testable import BlendModels

@Test("integration (real model): simcls scores a candidate that restates the instruction above an unrelated one; no encoder is an error")
func simclsWithTheRealModel() async throws {
    _ = try RealModel.load()
    let example = Example(id: "s1", instruction: "How do I bake bread at home?",
                          candidates: [Candidate(model: "a", text: "The stock market closed lower on Friday."),
                                       Candidate(model: "b", text: "To bake bread at home, mix flour, water, yeast and salt, then bake.")],
                          oracle: .scores(["a": 0, "b": 1]))
    let ranker = SimCLSRanker(.with { $0.model = RealModel.directory })
    let scores = try await ranker.scores(for: example, context: ComponentContext(seed: 0, encoders: NativeEncoderProvider()))
    #expect(scores.count == 2 && scores.allSatisfy { $0 > -1.0001 && $0 < 1.0001 })
    #expect(scores[1] > scores[0])
    await #expect(throws: EncodingError.noEncoder(component: "simcls")) {
        try await ranker.scores(for: example, context: ComponentContext(seed: 0))
    }
}

import BlendCore
import Testing

@Test("llm-judge candidate_chars cuts both candidates in the prompt; unset, the identity is unchanged")
func judgeCandidateBudget() async throws {
    let generation = ScriptedGeneration(text: { _ in "1. A is better" })
    let example = Fixtures.example(texts: [String(repeating: "x", count: 50), "short"], scores: [0, 0])
    let context = ComponentContext(seed: 1, generation: generation)
    let judge = try Catalog.make(Catalog.rankers, kind: "ranker", id: "llm-judge", params: ["candidate_chars": .int(10)])
    guard case .pointwise(let ranker) = judge else { Issue.record("llm-judge is pointwise"); return }
    _ = try await ranker.scores(for: example, context: context)
    let prompt = try #require(await generation.log.requests.first?.text)
    #expect(prompt.contains(String(repeating: "x", count: 10) + "...") && !prompt.contains(String(repeating: "x", count: 11)))
    #expect(prompt.contains("short"))
    #expect(ranker.identity.canonical.contains("\"candidate_chars\":10"))
    #expect(!LLMJudgeRanker(.with { $0.backend = "b"; $0.model = "m" }).identity.canonical.contains("candidate_chars"))
    #expect(throws: ParameterError.invalid(key: "candidate_chars", message: "must be 0 (no cut) or more")) {
        try Catalog.make(Catalog.rankers, kind: "ranker", id: "llm-judge", params: ["candidate_chars": .int(-3)])
    }
}

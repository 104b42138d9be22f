import BlendCore
import Testing

@Suite struct LLMJudgeRankerTests {
    /// A judge that prefers the longer candidate, answering in the paper's format.
    static let byLength = ScriptedGeneration { r in
        let a = r.text.components(after: "Candidate A: \n"), b = r.text.components(after: "Candidate B: \n")
        return a.count > b.count ? "1. A is better" : (a.count < b.count ? "2. B is better" : "3. Same good")
    }

    @Test func netWinsRankTheCandidates() async throws {
        let example = Fixtures.example(texts: ["aa", "aaaa", "a"], scores: [0, 0, 0])
        let context = ComponentContext(seed: 5, generation: Self.byLength)
        let scores = try await LLMJudgeRanker(.with { $0.backend = "b"; $0.model = "m" }).scores(for: example, context: context)
        // Hand-worked: m1 beats both (+2 each way: s = 4), m0 beats m2 and loses to m1 (0), m2 loses both (-4).
        #expect(scores == [0, 4, -4])
        #expect(await Self.byLength.log.requests.count >= 3)
    }

    @Test func bothOrdersAskTwicePerPair() async throws {
        let judge = ScriptedGeneration(text: { _ in "1. A is better" })   // always "A": position bias
        let example = Fixtures.example(texts: ["x", "y"], scores: [0, 0])
        let scores = try await LLMJudgeRanker(.with { $0.backend = "b"; $0.model = "m"; $0.order = .both })
            .scores(for: example, context: ComponentContext(seed: 1, generation: judge))
        #expect(scores == [0, 0])   // the bias cancels out
        #expect(await judge.log.requests.count == 2)
    }

    @Test func unparseableAnswersAreRetriedThenSkipped() async throws {
        let judge = ScriptedGeneration(text: { _ in "I cannot decide." })
        let example = Fixtures.example(texts: ["x", "y"], scores: [0, 0])
        let ranker = LLMJudgeRanker(.with { $0.backend = "b"; $0.model = "m"; $0.retries = 3 })
        let verdicts = try await ranker.verdicts(for: example, pairs: [(0, 1)], context: ComponentContext(seed: 1, generation: judge))
        #expect(verdicts.isEmpty)
        let requests = await judge.log.requests
        #expect(requests.map(\.sample) == [0, 1, 2, 3])
        #expect(requests[0].sampling.temperature == 0)
        #expect(requests[1].sampling.temperature == 0.7)
    }

    @Test func randomOrderDependsOnTheSeed() async throws {
        let example = Fixtures.example(texts: (0..<8).map { "t\($0)" }, scores: Array(repeating: 0, count: 8))
        func firsts(seed: UInt64) async throws -> [String] {
            let judge = ScriptedGeneration(text: { _ in "3" })
            _ = try await LLMJudgeRanker(.with { $0.backend = "b"; $0.model = "m" }).scores(for: example, context: ComponentContext(seed: seed, generation: judge))
            return await judge.log.requests.map { $0.text.components(after: "Candidate A: \n") }
        }
        #expect(try await firsts(seed: 1) == firsts(seed: 1))
        #expect(try await firsts(seed: 1) != firsts(seed: 2))
    }

    @Test func withoutBackendsItSaysWhatToAdd() async {
        let example = Fixtures.example(texts: ["x", "y"], scores: [0, 0])
        await #expect(throws: GenerationError.self) {
            _ = try await LLMJudgeRanker(.with { $0.backend = "b"; $0.model = "m" }).scores(for: example, context: ComponentContext(seed: 1))
        }
    }
}

extension String {
    /// The line that follows `marker`.
    func components(after marker: String) -> String {
        guard let range = range(of: marker) else { return "" }
        return String(self[range.upperBound...].prefix { $0 != "\n" })
    }
}

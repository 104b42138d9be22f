import BlendCore
import Testing

@Suite struct LMScoreAndFuserTests {
    @Test func meanLogprobCountsTokensOverlappingTheCandidate() {
        // "Q: x\nA: Blue sky" with the prompt "Q: x\nA: " (8 characters); " Blue" starts at 7.
        let tokens = [TokenLogprob(text: "Q", offset: 0, logprob: nil), TokenLogprob(text: ": x\nA:", offset: 1, logprob: -5),
                      TokenLogprob(text: " Blue", offset: 7, logprob: -2), TokenLogprob(text: " sky", offset: 12, logprob: -1),
                      TokenLogprob(text: ".", offset: 16, logprob: -9)]   // the generated token, past the end
        #expect(LMScoreRanker.meanLogprob(tokens: tokens, from: 8, to: 16) == -1.5)
        #expect(LMScoreRanker.meanLogprob(tokens: tokens, from: 16, to: 16) == -1e9)
    }

    @Test func lmScoreRanksByMeanLogprob() async throws {
        let generation = ScriptedGeneration { r in
            // Every candidate token gets log p = -(length of the whole text) / 10: shorter texts score higher.
            let text = r.text
            let start = text.count - 3
            return GenerationResult(text: text + "!", finishReason: "length", usage: TokenUsage(promptTokens: 3, completionTokens: 1), seconds: 0,
                                    tokens: [TokenLogprob(text: String(text.prefix(start)), offset: 0, logprob: nil),
                                             TokenLogprob(text: String(text.suffix(3)), offset: start, logprob: -Double(text.count) / 10)])
        }
        let example = Fixtures.example(texts: ["abc", "abcdef"], scores: [0, 0])
        let scores = try await LMScoreRanker(.with { $0.backend = "b"; $0.model = "m" }).scores(for: example, context: ComponentContext(seed: 0, generation: generation))
        #expect(scores[0] > scores[1])
        let requests = await generation.log.requests
        #expect(requests.allSatisfy { $0.echoLogprobs && $0.sampling.maxTokens == 1 })
        #expect(requests[0].text == "Instruction: Say something about e1.\nResponse: abc")
    }

    @Test func genFuserPromptIsThePapersFormat() {
        let prompt = GenFuserPromptFuser.prompt(instruction: "Do it", input: "now", candidates: ["first answer", "one two three four"], words: 3)
        #expect(prompt == "Instruction: Do it</s>Input: now</s>Candidate 0: <extra_id_0>:first answer</s>"
                + "Candidate 1: <extra_id_1>:one two three...</s>Summarize candidates into a better one for the given instruction:")
    }

    @Test func fusersSendTheRankedCandidatesBestFirst() async throws {
        let generation = ScriptedGeneration(text: { _ in "  fused answer \n" })
        let example = Fixtures.example(texts: ["worst", "best", "middle"], scores: [0, 0, 0])
        let context = ComponentContext(seed: 0, generation: generation)
        let chat = try await ChatFuser(.with { $0.backend = "b"; $0.model = "m" }).fuse(example, ranked: [1, 2], context: context)
        #expect(chat == "fused answer")
        let gen = try await GenFuserPromptFuser(.with { $0.backend = "b"; $0.model = "m" }).fuse(example, ranked: [1, 2], context: context)
        #expect(gen == "fused answer")
        let requests = await generation.log.requests
        #expect(requests[0].text.contains("Candidate 1: best\nCandidate 2: middle\n"))
        #expect(!requests[0].text.contains("worst"))
        #expect(requests[1].text.contains("Candidate 0: <extra_id_0>:best</s>Candidate 1: <extra_id_1>:middle</s>"))
    }

    @Test func generatorSamplesAreDistinctRequests() async throws {
        let generation = ScriptedGeneration(text: { "answer \($0.sample)" })
        let g = LLMGenerator(.with { $0.name = "smol"; $0.backend = "b"; $0.model = "m"; $0.samples = 2 })
        #expect(g.candidateNames == [ModelName("smol#1"), ModelName("smol#2")])
        let example = Fixtures.example(texts: ["x"], scores: [0])
        let context = ComponentContext(seed: 0, generation: generation)
        let texts = [try await g.generate(example, sample: 0, context: context).text, try await g.generate(example, sample: 1, context: context).text]
        #expect(texts == ["answer 0", "answer 1"])
        let seeds = await generation.log.requests.map(\.sampling.seed)
        #expect(seeds == [1, 2])
    }
}

import BlendCore
import Testing

/// The laws every ranker in the catalog must keep, run over each catalog entry.
@Suite("ranker laws")
struct RankerLawTests {
    /// The pointwise rankers (pairwise comparators keep the aggregation rule laws instead).
    static let ids = Catalog.rankers.compactMap { entry -> String? in
        guard case .pointwise? = try? Catalog.make(Catalog.rankers, kind: "ranker", id: entry.id, params: [:]) else { return nil }
        return entry.id
    }
    /// A deterministic stand-in for the backends of LLM-based rankers: the judge prefers the
    /// longer candidate; each echoed character gets log-probability -(its offset mod 7).
    static let backend = ScriptedGeneration { r in
        switch r.prompt {
        case .chat:
            let a = r.text.components(after: "Candidate A: \n"), b = r.text.components(after: "Candidate B: \n")
            return GenerationResult(text: a.count >= b.count ? "1. A is better" : "2. B is better", finishReason: "stop",
                                    usage: TokenUsage(promptTokens: 1, completionTokens: 1), seconds: 0)
        case .completion(let text):
            let tokens = text.enumerated().map { TokenLogprob(text: String($1), offset: $0, logprob: $0 == 0 ? nil : -Double($0 % 7)) }
            return GenerationResult(text: text, finishReason: "length", usage: TokenUsage(promptTokens: 1, completionTokens: 1), seconds: 0, tokens: tokens)
        }
    }

    /// The ranker `id` with default parameters; a trained one is first trained (briefly) on
    /// "longer is better" examples. Encoder-based rankers get the deterministic FeatureEncoder.
    func make(_ id: String) async throws -> any PointwiseRanker {
        let made = try Catalog.make(Catalog.rankers, kind: "ranker", id: id,
                                    params: id == SummaRerankerRanker.id ? ["max_epochs": .int(2), "hidden": .int(4)] : [:])
        guard case .pointwise(let r) = made else { throw CatalogError.unknownID(kind: "pointwise ranker", id: id, known: []) }
        guard let trainable = r as? any TrainableRanker else { return r }
        let data = TrainingData.carve(Fixtures.lengthPreferring(12), validation: 0.25)
        let weights = try await trainable.train(on: data, context: ComponentContext(seed: 1, encoders: FeatureEncoder()), log: { _ in })
        guard let trained = trainable.with(weights: weights) as? any PointwiseRanker else { throw CatalogError.unknownID(kind: "trained", id: id, known: []) }
        return trained
    }

    func context(seed: UInt64) -> ComponentContext {
        ComponentContext(seed: seed, reference: "ref", encoders: FeatureEncoder(), generation: Self.backend)
    }

    @Test("one finite score per candidate; the order is a permutation", arguments: ids)
    func permutation(id: String) async throws {
        let example = Fixtures.example(texts: ["a", "bb", "ccc", "dddd", "eeeee"], scores: [0.1, 0.5, 0.3, 0.9, 0.0])
        let scores = try await make(id).scores(for: example, context: context(seed: 1))
        #expect(scores.count == 5)
        #expect(scores.allSatisfy { $0.isFinite })
        #expect(Ranking.order(scores: scores).sorted() == [0, 1, 2, 3, 4])
    }

    @Test("deterministic for a seed", arguments: ids)
    func deterministic(id: String) async throws {
        let example = Fixtures.example(texts: ["a", "bb", "ccc"], scores: [0.1, 0.5, 0.3])
        let first = try await make(id).scores(for: example, context: context(seed: 9))
        let second = try await make(id).scores(for: example, context: context(seed: 9))
        #expect(first == second)
    }

    @Test("sensible for N = 1 and N = 2", arguments: ids)
    func smallN(id: String) async throws {
        let one = Fixtures.example(texts: ["only"], scores: [0.4])
        #expect(try await make(id).scores(for: one, context: context(seed: 1)).count == 1)
        let two = Fixtures.example(texts: ["x", "yy"], scores: [0.4, 0.6])
        #expect(Ranking.order(scores: try await make(id).scores(for: two, context: context(seed: 1))).sorted() == [0, 1])
    }

    @Test("the catalog lists no id twice, and every id is kebab-case")
    func catalogIDs() {
        let ids = Catalog.rankers.map { $0.id } + Catalog.metrics.map { $0.id }
        #expect(Set(Catalog.rankers.map { $0.id }).count == Catalog.rankers.count)
        #expect(ids.allSatisfy { $0.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } })
    }
}

@Test("the oracle ranker picks the judge's best; the random ranker picks uniformly over many examples")
func builtInRankers() async throws {
    let example = Fixtures.example(texts: ["a", "b", "c"], scores: [0.1, 0.8, 0.3])
    let oracle = try await OracleRanker().scores(for: example, context: ComponentContext(seed: 0, reference: "ref"))
    #expect(Ranking.order(scores: oracle).first == 1)
    var counts = [0, 0, 0, 0]
    for i in 0..<4000 {
        let e = Fixtures.example(id: "e\(i)", texts: ["a", "b", "c", "d"], scores: [0, 0, 0, 0])
        counts[Ranking.order(scores: try await RandomRanker().scores(for: e, context: ComponentContext(seed: 5, reference: "ref"))).first!] += 1
    }
    // Each count is Binomial(4000, 1/4): mean 1000, sd 27; 5 sd is 137.
    #expect(counts.allSatisfy { abs($0 - 1000) < 137 })
    let shortest = try await LengthRanker(.with { $0.prefer = .shortest }).scores(for: example, context: ComponentContext(seed: 0, reference: "ref"))
    #expect(shortest == [-1, -1, -1])
}

@Test("an unknown id or parameter is an error that lists what is known")
func catalogErrors() {
    #expect(throws: CatalogError.unknownID(kind: "ranker", id: "nope", known: Catalog.rankers.map { $0.id })) {
        try Catalog.make(Catalog.rankers, kind: "ranker", id: "nope", params: [:])
    }
    #expect(throws: ParameterError.unknown(key: "sed", known: ["seed"])) {
        try Catalog.make(Catalog.rankers, kind: "ranker", id: "random", params: ["sed": .int(1)])
    }
    #expect(throws: ParameterError.wrongType(key: "seed", expected: "an integer", found: "a string")) {
        try Catalog.make(Catalog.rankers, kind: "ranker", id: "random", params: ["seed": .string("x")])
    }
    #expect(ParameterError.unknown(key: "sed", known: ["seed"]).message == "unknown parameter 'sed'; known parameters: seed")
}

@Test("metrics: oracle rank, top-k and judge score of a selected candidate")
func builtInMetrics() async throws {
    let example = Fixtures.example(texts: ["a", "b", "c", "d"], scores: [0.1, 0.8, 0.3, 0.3])
    let context = ComponentContext(seed: 0, reference: "ref")
    #expect(try await OracleRankMetric().value(of: .candidate(2), in: example, context: context) == 2)
    #expect(try await OracleRankMetric().value(of: .text("new"), in: example, context: context) == nil)
    #expect(try await TopKMetric(.with { $0.k = 2 }).value(of: .candidate(3), in: example, context: context) == 100)
    #expect(try await TopKMetric(.with { $0.k = 1 }).value(of: .candidate(3), in: example, context: context) == 0)
    #expect(try await JudgeScoreMetric().value(of: .candidate(1), in: example, context: context) == 0.8)
}

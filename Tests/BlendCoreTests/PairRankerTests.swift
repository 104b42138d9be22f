@testable import BlendCore
import Testing

@Suite("PairRanker and SummaReranker")
struct PairRankerTests {
    let context = ComponentContext(seed: 7, encoders: FeatureEncoder())
    let settings = TrainingSettings(maxEpochs: 60, patience: 10, learningRate: 1e-2, weightDecay: 0, batchSize: 8, hidden: 8)

    @Test func samplingFollowsDigest24() {
        let e = Fixtures.example(texts: ["a", "b", "a", "c", "d", "e"], scores: [0.1, 0.5, 0.1, 0.5, 0.9, 0.3])
        let pairs = PairRanker.labelledPairs(e, count: 5, seed: 1, purpose: "epoch-1")
        #expect(pairs.count == 5)
        for (a, b, d) in pairs {
            #expect(a != 2 && b != 2, "the duplicate text of candidate 0 is dropped")
            #expect(d != 0, "pairs with equal oracle scores carry no gradient and are skipped")
            #expect(d == e.oracle.oracleScores(models: e.candidates.map(\.model))[a] - e.oracle.oracleScores(models: e.candidates.map(\.model))[b])
        }
        #expect(Set(pairs.map { "\(min($0.0, $0.1))-\(max($0.0, $0.1))" }).count == 5, "no pair twice")
        #expect(PairRanker.labelledPairs(e, count: 5, seed: 1, purpose: "epoch-1").map { [$0.0, $0.1] }
                == pairs.map { [$0.0, $0.1] })
        #expect(PairRanker.labelledPairs(e, count: 5, seed: 1, purpose: "epoch-2").map { [$0.0, $0.1] }
                != pairs.map { [$0.0, $0.1] }, "pairs are resampled each epoch")
        // Over many epochs both orders of a pair occur (swap with probability 0.5).
        let orders = (1...40).flatMap { PairRanker.labelledPairs(e, count: 5, seed: 1, purpose: "epoch-\($0)") }.filter { Set([$0.0, $0.1]) == Set([0, 4]) }
        #expect(orders.contains { $0.0 == 0 } && orders.contains { $0.0 == 4 })
    }

    @Test func untrainedRankersSayHowToTrainThem() async {
        let e = Fixtures.example(texts: ["a", "bb"], scores: [0, 1])
        await #expect(throws: TrainingError.untrained(component: "pair-ranker")) {
            _ = try await PairRanker().logit(e, 0, 1, context: context)
        }
        await #expect(throws: TrainingError.untrained(component: "summareranker")) {
            _ = try await SummaRerankerRanker().scores(for: e, context: context)
        }
    }

    /// Trained on "longer is better", the PairRanker orders unseen examples by length under
    /// max-logits, its matrix is antisymmetric (one encoder pass per unordered pair), and the
    /// weights are deterministic for a seed and named in its identity.
    @Test func pairRankerLearnsAndAggregates() async throws {
        let data = TrainingData.carve(Fixtures.lengthPreferring(60), validation: 0.2)
        let ranker = PairRanker(.with { $0.training = settings; $0.pairs = 5 })
        let weights = try await ranker.train(on: data, context: context, log: { _ in })
        #expect(weights.report.validationAccuracy[weights.report.bestEpoch - 1] > 0.9)
        #expect(try await ranker.train(on: data, context: context, log: { _ in }).digest == weights.digest)
        let trained = ranker.with(weights: weights)
        #expect(trained.identity != ranker.identity)
        guard case .object(let params) = trained.parameters else { Issue.record("parameters"); return }
        #expect(params["weights"] == .string(weights.digest))

        let test = Fixtures.lengthPreferring(10, prefix: "unseen")
        var correct = 0
        for e in test {
            let n = e.candidates.count
            let lazy = LazyComparisonMatrix(count: n) { i, j in try await trained.logit(e, i, j, context: context) }
            let result = try await MaxLogitsRule().aggregate(lazy, seed: 7, purpose: e.id.rawValue)
            for i in 0..<n { for j in 0..<n where i != j {
                let a = try await trained.logit(e, i, j, context: context), b = try await trained.logit(e, j, i, context: context)
                #expect(a == -b)
            } }
            if e.oracleRanks[result.ranking[0]] == 1 { correct += 1 }
        }
        #expect(correct >= 8, "max-logits over the trained PairRanker picks the longest candidate in \(correct)/10 (chance: 2/10)")
    }

    @Test func summaRerankerLearnsPointwise() async throws {
        let data = TrainingData.carve(Fixtures.lengthPreferring(60), validation: 0.2)
        let ranker = SummaRerankerRanker(.with { $0.training = settings })
        let weights = try await ranker.train(on: data, context: context, log: { _ in })
        let trained = ranker.with(weights: weights)
        var correct = 0
        for e in Fixtures.lengthPreferring(10, prefix: "unseen") {
            let scores = try await trained.scores(for: e, context: context)
            if let best = Ranking.order(scores: scores).first, e.oracleRanks[best] == 1 { correct += 1 }
        }
        #expect(correct >= 8, "picked the longest candidate in \(correct)/10")
    }

    /// With `length_feature` the head sees the whole candidate's length, which truncated
    /// segments hide: on examples where only length separates the candidates it learns them.
    @Test func lengthFeatureSeesPastTruncation() async throws {
        let ranker = try Catalog.make(Catalog.rankers, kind: "ranker", id: "pair-ranker",
                                      params: ["length_feature": .bool(true), "learning_rate": .double(0.01), "hidden": .int(8),
                                               "max_epochs": .int(30), "patience": .int(5)])
        guard case .pairwise(let c) = ranker, let p = c as? PairRanker else { Issue.record("not a PairRanker"); return }
        #expect(p.displayName == "pair-ranker(length)")
        // Identical vectors for every candidate (a constant encoder), different lengths.
        struct Constant: TextEncoding, TextEncoderProvider {
            func encoder(model: String) async throws -> any TextEncoding { self }
            var identity: JSONValue { .string("constant") }
            func tokenEmbeddings(_ texts: [String], layer: Int) async throws -> [TokenEmbeddings] { [] }
            func tokenIDs(_ texts: [String]) async throws -> [[Int]] { [] }
            func sentenceEmbeddings(_ texts: [String]) async throws -> [[Float]] { texts.map { _ in [1, 0] } }
            func segmentVectors(source: String, a: String, b: String?, tokens: SegmentTokens) async throws -> SegmentVectors {
                SegmentVectors(source: [1, 0], a: [0, 1], b: b == nil ? [] : [0, 1])
            }
        }
        let context = ComponentContext(seed: 3, encoders: Constant())
        let weights = try await p.train(on: TrainingData.carve(Fixtures.lengthPreferring(40), validation: 0.2), context: context, log: { _ in })
        #expect(weights.head?.inputs == 5)
        #expect(weights.report.validationAccuracy[weights.report.bestEpoch - 1] > 0.9)
    }

    @Test func catalogReadsAndChecksTrainingParameters() throws {
        let made = try Catalog.make(Catalog.rankers, kind: "ranker", id: "pair-ranker",
                                    params: ["source_tokens": .int(16), "candidate_tokens": .int(64), "max_epochs": .int(3)])
        guard case .pairwise(let c) = made, let p = c as? PairRanker else { Issue.record("not a pairwise PairRanker"); return }
        #expect(p.tokens == SegmentTokens(source: 16, candidate: 64))
        #expect(p.training.maxEpochs == 3)
        #expect(p.displayName == "pair-ranker(tokens=16/64)")
        #expect(throws: ParameterError.self) {
            try Catalog.make(Catalog.rankers, kind: "ranker", id: "pair-ranker", params: ["candidate_tokens": .int(300)])
        }
        #expect(throws: ParameterError.self) {
            try Catalog.make(Catalog.rankers, kind: "ranker", id: "summareranker", params: ["learning_rate": .double(0)])
        }
    }
}

@Suite("SimCLS with a learned projection")
struct SimCLSProjectionTests {
    @Test func marginLossGradientMatchesFiniteDifferences() {
        let ranker = SimCLSRanker(.with { $0.model = "m"; $0.projection = 3; $0.margin = 0.05 })
        var g = SeededGenerator(seed: 2, purpose: "simcls-grad")
        func vector() -> [Float] { (0..<4).map { _ in Float(g.unit() * 2 - 1) } }
        var p = Projection(rows: 3, columns: 4)
        for k in p.values.indices { p.values[k] += Float(g.unit() - 0.5) * 0.6 }
        let query = vector(), candidates = [vector(), vector(), vector()], reference = vector()
        let scores = [0.1, 0.9, 0.5]
        let analytic = ranker.lossAndGradient(p, query, candidates, reference, scores)
        #expect(analytic.loss > 0, "the fixture must violate some margins")
        for k in p.values.indices {
            var plus = p, minus = p
            plus.values[k] += 1e-3
            minus.values[k] -= 1e-3
            let numeric = (ranker.lossAndGradient(plus, query, candidates, reference, scores).loss
                           - ranker.lossAndGradient(minus, query, candidates, reference, scores).loss) / 2e-3
            #expect(abs(numeric - Double(analytic.gradient[k])) < 2e-2, "P[\(k)]: numeric \(numeric), analytic \(analytic.gradient[k])")
        }
    }

    @Test func projectionTrainsOnlyWhenAsked() async throws {
        guard case .pointwise(let plain) = try Catalog.make(Catalog.rankers, kind: "ranker", id: "simcls", params: [:]),
              case .pointwise(let projected) = try Catalog.make(Catalog.rankers, kind: "ranker", id: "simcls",
                                                                params: ["projection": .int(8), "max_epochs": .int(5)]) else {
            Issue.record("simcls is pointwise"); return
        }
        #expect(RankerComponent.pointwise(plain).trainable == nil)
        let trainable = try #require(RankerComponent.pointwise(projected).trainable)
        #expect(projected.displayName == "simcls(projection=8)")
        let context = ComponentContext(seed: 4, encoders: FeatureEncoder())
        let data = TrainingData.carve(Fixtures.lengthPreferring(40), validation: 0.25)
        let weights = try await trainable.train(on: data, context: context, log: { _ in })
        #expect(weights.projection?.rows == 8 && weights.head == nil)
        #expect(weights.report.trainLoss.first! >= weights.report.trainLoss.min()!)
        #expect(try await trainable.train(on: data, context: context, log: { _ in }).digest == weights.digest)
        guard let trained = trainable.with(weights: weights) as? any PointwiseRanker else { Issue.record("pointwise"); return }
        let scores = try await trained.scores(for: Fixtures.lengthPreferring(1, prefix: "u")[0], context: context)
        #expect(scores.count == 5 && scores.allSatisfy { $0.isFinite && abs($0) <= 1.0001 })
        await #expect(throws: TrainingError.untrained(component: "simcls")) {
            _ = try await projected.scores(for: Fixtures.lengthPreferring(1)[0], context: context)
        }
    }
}

import BlendCore
import Foundation
import Testing

/// The stack ranker's features, its trainer and its parameters. (The catalog-wide ranker laws run
/// over it too, in RankerLawTests.)
@Suite("stack ranker")
struct StackRankerTests {
    func values(_ features: [TextFeature], _ texts: [String], instruction: String = "Say something.") async throws -> [[Double]] {
        let models = texts.indices.map { ModelName("m\($0)") }
        let example = Example(id: "e", instruction: instruction, candidates: zip(models, texts).map { Candidate(model: $0, text: $1) },
                              oracle: .scores([:]))
        return try await TextFeature.values(features, for: example, context: ComponentContext(seed: 0), encoder: SentenceEncoderChoice(model: "unused"))
    }

    @Test("length, its square, lines, list items, code blocks, markup, empty")
    func shapeFeatures() async throws {
        let text = "# Title\n- one\n* two\n12. three\n3) four\n```\ncode\n```\n**bold** and **more**"
        let v = try await values([.length, .lengthSquared, .lines, .listItems, .codeBlocks, .markup, .empty], [text, "", "  \n "])
        let logLength: Double = log1p(Double(text.count))
        #expect(v[0][0] == logLength)
        #expect(v[0][1] == logLength * logLength)
        #expect(v[0][2] == log1p(8))                    // 8 line breaks
        #expect(v[0][3] == log1p(4))                    // -, *, 12., 3)
        #expect(v[0][4] == log1p(1))                    // one pair of fences
        #expect(v[0][5] == log1p(3))                    // one heading, two bold spans
        #expect(v[0][6] == 0 && v[1][6] == 1 && v[2][6] == 1)
        #expect(v[1][0] == 0 && v[1][2] == 0 && v[1][3] == 0)
    }

    @Test("consensus: mean unigram F1 with the other candidates; instruction overlap")
    func overlapFeatures() async throws {
        // "a b" vs "a c": overlap 1 of 2+2 words -> F1 0.5; "a b" vs "x": 0; "a c" vs "x": 0.
        let v = try await values([.consensus, .instructionOverlap], ["A b", "a, C", "x"], instruction: "b c d e")
        let consensus: [Double] = v.map { $0[0] }
        #expect(consensus == [0.25, 0.25, 0])
        // "a b" vs "b c d e": 1 shared of 2 + 4 words -> 2/6.
        #expect(abs(v[0][1] - 2.0 / 6) < 1e-12)
        #expect(v[2][1] == 0)
        let single = try await values([.consensus], ["alone"])
        #expect(single == [[0]])
        // Clipped counts: "a a a" vs "a": 1 shared of 3 + 1.
        let clipped: [Double] = try await values([.consensus], ["a a a", "a"]).map { $0[0] }
        #expect(clipped == [0.5, 0.5])
    }

    @Test("refusal and apology phrases, typographic apostrophes too")
    func refusal() async throws {
        let v = try await values([.refusal], ["I\u{2019}m sorry, but I can\u{2019}t help.", "As an AI language model, ...", "Sure: here it is.", "I cannot do that"])
        let flags: [Double] = v.map { $0[0] }
        #expect(flags == [1, 1, 0, 1])
    }

    /// Examples where the oracle prefers longer answers, and model `good` is always best.
    static func preferring(_ count: Int) -> [Example] {
        (0..<count).map { i in
            let texts = ["x", String(repeating: "word ", count: 2 + i % 3), String(repeating: "longer text ", count: 6 + i % 4),
                         String(repeating: "the best long answer here ", count: 12)]
            let models: [ModelName] = ["m0", "m1", "m2", "good"]
            return Example(id: ExampleID("p\(i)"), instruction: "Explain \(i).",
                           candidates: zip(models, texts).map { Candidate(model: $0, text: $1) },
                           oracle: .scores(Dictionary(uniqueKeysWithValues: zip(models, [0.0, 0.2, 0.5, 0.9].map { $0 + Double(i) * 1e-4 }))))
        }
    }

    @Test("training learns the preference, keeps the validation-best λ and iteration, and is deterministic")
    func training() async throws {
        let data = TrainingData.carve(Self.preferring(30), validation: 0.3)
        let stack = try StackRanker(.with { $0.features = FeatureList([.length, .refusal]) })
        let first = try await stack.train(on: data, context: ComponentContext(seed: 1), log: { _ in })
        let second = try await stack.train(on: data, context: ComponentContext(seed: 1), log: { _ in })
        #expect(first.digest == second.digest)
        let linear = try #require(first.linear)
        #expect(linear.names == ["length", "refusal"])
        #expect(Set(linear.priors.keys) == ["m0", "m1", "m2", "good"])
        #expect(StackRanker.Parameters().l2.contains(try #require(first.report.l2)))
        // The kept iteration is the validation-best one (a later one must improve by more than 1e-12 to win).
        let kept = first.report.validationLoss[first.report.bestEpoch - 1]
        #expect(kept <= (first.report.validationLoss.min() ?? kept) + 1e-9)
        let table = try #require(first.report.weights)
        let magnitudes: [Double] = table.map { abs($0.weight) }
        #expect(magnitudes == magnitudes.sorted(by: >))
        let trained = stack.with(weights: first)
        let example = Self.preferring(31)[30]
        let scores = try await trained.scores(for: example, context: ComponentContext(seed: 1))
        #expect(Ranking.order(scores: scores) == [3, 2, 1, 0])
        // An unseen model gets prior 0 and is named.
        var renamed = example
        renamed.candidates[3].model = "newcomer"
        #expect(trained.unseenModels(renamed.candidates.map(\.model)) == ["newcomer"])
        let withoutPrior = try await trained.scores(for: renamed, context: ComponentContext(seed: 1))
        let prior: Double = try #require(linear.priors["good"])
        #expect(abs(withoutPrior[3] - (scores[3] - prior)) < 1e-9)
    }

    @Test("without the model prior there are no priors; an untrained stack refuses to score")
    func noPrior() async throws {
        let data = TrainingData.carve(Self.preferring(20), validation: 0.25)
        let stack = try StackRanker(.with { $0.features = FeatureList([.length]); $0.modelPrior = false })
        let weights = try await stack.train(on: data, context: ComponentContext(seed: 1), log: { _ in })
        #expect(weights.linear?.priors.isEmpty == true)
        #expect(try #require(weights.linear?.weights.first) > 0, "longer is better")
        #expect(stack.with(weights: weights).unseenModels(["anyone"]) == [])
        await #expect(throws: TrainingError.untrained(component: "stack")) {
            try await stack.scores(for: Self.preferring(1)[0], context: ComponentContext(seed: 1))
        }
    }

    @Test("input rankers enter standardised within the example")
    func inputs() async throws {
        let stack = try Catalog.make(Catalog.rankers, kind: "ranker", id: "stack",
                                     params: ["features": .array([.string("length")]), "inputs": .array([.string("length"), .object(["id": .string("random"), "seed": .int(3)])])])
        guard case .pointwise(let r) = stack, let s = r as? StackRanker else { Issue.record("not a stack"); return }
        #expect(s.inputNames == ["length", "input: length(prefer=longest)", "input: random(seed=3)"])
        let rows = try await s.inputs(for: Self.preferring(1)[0], context: ComponentContext(seed: 1))
        let column = rows.map { $0[1] }
        #expect(abs(column.reduce(0, +)) < 1e-9)
        let variance: Double = column.map { $0 * $0 }.reduce(0, +) / 4
        #expect(abs(variance - 1) < 1e-9)
        #expect(s.displayName == "stack(features=length,inputs=length(prefer=longest)+random(seed=3))")
    }

    @Test("bad parameters name the key: unknown feature, unknown or self input, trained input, bad l2")
    func badParameters() {
        func make(_ params: [String: JSONValue]) throws { _ = try Catalog.make(Catalog.rankers, kind: "ranker", id: "stack", params: params) }
        #expect(throws: ParameterError.self) { try make(["features": .array([.string("sparkle")])]) }
        do { try make(["inputs": .array([.string("length"), .string("nope")])]); Issue.record("no error") } catch let e as ParameterError {
            #expect(e.key == "inputs[1]" && e.message.contains("unknown ranker 'nope'"))
        } catch { Issue.record("\(error)") }
        do { try make(["inputs": .array([.string("stack")])]); Issue.record("no error") } catch let e as ParameterError {
            #expect(e.key == "inputs[0]" && e.message.contains("cannot take a stack"))
        } catch { Issue.record("\(error)") }
        do { try make(["inputs": .array([.string("pair-ranker")])]); Issue.record("no error") } catch let e as ParameterError {
            #expect(e.key == "inputs[0]" && e.message.contains("trained"))
        } catch { Issue.record("\(error)") }
        do { try make(["inputs": .array([.object(["id": .string("random"), "sed": .int(1)])])]); Issue.record("no error") } catch let e as ParameterError {
            #expect(e.key == "inputs[0].sed")
        } catch { Issue.record("\(error)") }
        #expect(throws: ParameterError.self) { try make(["l2": .array([.double(-1)])]) }
    }
}

@Suite("cross-fitting")
struct CrossFittingTests {
    @Test("folds come from the source text and the seed, cover every fold, and are stable")
    func folds() {
        let folds = Folds(count: 5, seed: 42)
        let sources = (0..<500).map { "instruction \($0)" }
        let assigned = sources.map(folds.fold(ofSource:))
        #expect(Set(assigned) == [0, 1, 2, 3, 4])
        #expect(assigned.allSatisfy { (0..<5).contains($0) })
        for k in 0..<5 { #expect(assigned.filter { $0 == k }.count > 60, "fold \(k) has about 100 of 500") }
        #expect(sources.map(folds.fold(ofSource:)) == assigned)
        #expect(sources.map(Folds(count: 5, seed: 7).fold(ofSource:)) != assigned, "another seed, another assignment")
        #expect(folds.label("stack", fold: 1) == "stack [fold 2/5]")
    }

    @Test("a cross-fitted ranker scores each example with its fold's model and names every fold's weights")
    func dispatch() async throws {
        let folds = Folds(count: 2, seed: 1)
        let models = [RandomRanker(.with { $0.seed = 10 }), RandomRanker(.with { $0.seed = 20 })]
        let crossed = CrossFittedRanker(models: models, folds: folds)
        for i in 0..<6 {
            let e = Fixtures.example(id: "x\(i)", texts: ["a", "b", "c"], scores: [0, 0, 0])
            let expected = try await models[folds.fold(of: e)].scores(for: e, context: ComponentContext(seed: 3))
            #expect(try await crossed.scores(for: e, context: ComponentContext(seed: 3)) == expected)
        }
        #expect(CrossFittedRanker<RandomRanker>.id == "random")
        guard case .object(let p) = crossed.parameters else { Issue.record("no parameters"); return }
        let expected: JSONValue = .object(["count": .int(2), "seed": .int(1)])
        #expect(p["folds"] == expected)
    }
}

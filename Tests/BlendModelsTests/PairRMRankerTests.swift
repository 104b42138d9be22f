import BlendCore
import Foundation
import Testing
@testable import BlendModels

/// The catalog's `pair-rm` on the fixtures' random 2-layer PairRM through the native provider:
/// each order of a real triple gives PairRMModel's logit for that order (and PyTorch's within
/// 1e-4 for the order the fixture recorded). Run alone, its first model loads before any forward
/// pass: it checks that a model loaded then computes as one loaded later (OpenBLAS is
/// single-threaded from the first product on, not from the first forward pass).
@Test func pairRMComparatorGivesTheModelsLogitForEachOrder() async throws {
    let row = try PairRMFixtures.jsonLines("pairs.jsonl")[3]
    let (instruction, a, b) = (row["instruction"] as? String ?? "", row["a"] as? String ?? "", row["b"] as? String ?? "")
    let example = Example(id: "q", instruction: instruction, candidates: [Candidate(model: "x", text: a), Candidate(model: "y", text: b)],
                          oracle: .scores([:]))
    let made = try Catalog.make(Catalog.rankers, kind: "ranker", id: "pair-rm", params: ["model": .string(PairRMFixtures.directory)])
    guard case .pairwise(let comparator) = made else { Issue.record("pair-rm is not pairwise"); return }
    var context = ComponentContext(seed: 0)
    context.encoders = NativeEncoderProvider()
    let model = try PairRMModel(directory: PairRMFixtures.directory)
    let expected = [try model.logits([(source: instruction, a: a, b: b)])[0], try model.logits([(source: instruction, a: b, b: a)])[0]]   // one pass each, as the comparator
    let forward = try await comparator.logit(example, 0, 1, context: context)
    let backward = try await comparator.logit(example, 1, 0, context: context)
    #expect(forward == expected[0])
    #expect(backward == expected[1])
    #expect(forward != -backward, "both orders are computed, not mirrored")
    #expect(abs(forward - (row["logit"] as? Double ?? .nan)) < 1e-4)
    #expect((comparator as? any EncoderUser)?.encoderModels == [PairRMFixtures.directory])
}

@Test func pairRMParametersAreChecked() throws {
    let ranker = try PairRMRanker.make([:])
    #expect(ranker.model == "models/PairRM" && ranker.sourceTokens == nil && ranker.candidateTokens == nil)   // the checkpoint's own
    #expect { try Catalog.make(Catalog.rankers, kind: "ranker", id: "pair-rm", params: ["max_length": .int(10)]) } throws: {
        ($0 as? ParameterError)?.message == "unknown parameter 'max_length'; known parameters: candidate_tokens, model, source_tokens"
    }
    #expect(throws: ParameterError.self) { try PairRMRanker.make(["source_tokens": .int(0)]) }
    #expect(ranker.displayName == "pair-rm")
    #expect(try PairRMRanker.make(["source_tokens": .int(512), "model": .string("m")]).displayName == "pair-rm(tokens=512/-,model=m)")
}

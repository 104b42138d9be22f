import Testing
@testable import BlendCore

struct ReferenceMetricRankerTests {
    let example = Example(id: "q1", instruction: "?", references: ["gold": "the cat is on the mat"], candidates: [
        Candidate(model: "a", text: "a dog"), Candidate(model: "b", text: "the cat sat on the mat"),
        Candidate(model: "c", text: "the cat is on the mat"),
    ], oracle: .scores([:]))

    @Test func scoresByTheMetricAgainstTheReference() async throws {
        let ranker = try Catalog.make(Catalog.rankers, kind: "ranker", id: "reference-metric", params: ["metric": .string("rouge-1")])
        guard case .pointwise(let r) = ranker else { Issue.record("not pointwise"); return }
        let scores = try await r.scores(for: example, context: ComponentContext(seed: 0, reference: "gold"))
        #expect(scores[0] == 0 && abs(scores[1] - 5.0 / 6) < 1e-12 && scores[2] == 1)
        #expect(Ranking.order(scores: scores) == [2, 1, 0])
    }

    @Test func withoutReferenceItSaysWhatToSet() async {
        await #expect(throws: ReferenceMetricRanker.MissingReference.self) {
            try await ReferenceMetricRanker().scores(for: example, context: ComponentContext(seed: 0))
        }
        #expect(ReferenceMetricRanker.MissingReference(example: "q1", reference: nil).description.contains("dataset.reference"))
    }

    @Test func unknownMetricIsAParameterError() {
        #expect(throws: ParameterError.self) {
            try Catalog.make(Catalog.rankers, kind: "ranker", id: "reference-metric", params: ["metric": .string("bleurt")])
        }
    }
}

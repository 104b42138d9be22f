import BlendCore
import Testing

/// An empty or whitespace-only answer is a real candidate (the loaders keep it): every catalog
/// ranker must score it and every metric must value it (or say "does not apply"), never NaN.
@Suite("empty answers")
struct EmptyAnswerLawTests {
    static let example = Fixtures.example(texts: ["a full answer here", "", "  \n\t", "short"], scores: [0.9, 0.1, 0.0, 0.5])

    @Test("every pointwise ranker gives each candidate, empty ones included, a finite score", arguments: RankerLawTests.ids)
    func rankers(id: String) async throws {
        let ranker = try await RankerLawTests().make(id)
        let scores = try await ranker.scores(for: Self.example, context: RankerLawTests().context(seed: 1))
        #expect(scores.count == 4)
        #expect(scores.allSatisfy { $0.isFinite }, "\(id): \(scores)")
    }

    @Test("every metric values an empty candidate as a finite number or nil", arguments: Catalog.metrics.map(\.id))
    func metrics(id: String) async throws {
        let params: [String: JSONValue] = id == "beats-baseline" ? ["baseline": .string("m0")] : [:]
        let metric = try Catalog.make(Catalog.metrics, kind: "metric", id: id, params: params)
        let context = ComponentContext(seed: 0, reference: "ref", encoders: FeatureEncoder())
        for selection in [EvaluatedOutput.candidate(1), .candidate(2), .text(""), .text(" ")] {
            let value = try await metric.value(of: selection, in: Self.example, context: context)
            #expect(value.map(\.isFinite) ?? true, "\(id) on \(selection): \(String(describing: value))")
        }
    }
}

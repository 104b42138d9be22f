import Testing
@testable import BlendCore

/// The lexical metrics as catalog components: made by id, scoring the output against
/// `example.references[context.reference]`, nil without a reference.
struct ReferenceBasedMetricTests {
    let example = Example(id: "q1", instruction: "Where is the cat?", references: ["gold": "the cat is on the mat"],
                          candidates: [Candidate(model: "a", text: "the cat sat on the mat"), Candidate(model: "b", text: "")],
                          oracle: .scores(["a": 0.4, "b": 0.1]))

    func make(_ id: String, _ params: [String: JSONValue] = [:]) throws -> any OutputMetric {
        try Catalog.make(Catalog.metrics, kind: "metric", id: id, params: params)
    }

    @Test func everyLexicalIdIsInTheCatalog() throws {
        for id in ["bleu", "chrf", "rouge-1", "rouge-2", "rouge-l", "rouge-lsum"] {
            #expect(try make(id).higherIsBetter)
        }
    }

    @Test func scoresTheSelectedCandidateAgainstTheNamedReference() async throws {
        let context = ComponentContext(seed: 0, reference: "gold")
        let bleu = try await make("bleu").value(of: .candidate(0), in: example, context: context)
        #expect(abs((bleu ?? -1) - 37.99178428257963) < 1e-12)
        let rouge = try await make("rouge-l").value(of: .candidate(0), in: example, context: context)
        #expect(abs((rouge ?? -1) - 5.0 / 6) < 1e-12)
        #expect(try await make("chrf").value(of: .candidate(1), in: example, context: context) == 0)
        #expect(try await make("rouge-1").value(of: .text("the cat is on the mat"), in: example, context: context) == 1)
    }

    @Test func noReferenceGivesNoValue() async throws {
        #expect(try await make("bleu").value(of: .candidate(0), in: example, context: ComponentContext(seed: 0)) == nil)
        #expect(try await make("bleu").value(of: .candidate(0), in: example, context: ComponentContext(seed: 0, reference: "other")) == nil)
    }

    @Test func stemmingIsAParameter() throws {
        let metric = try make("rouge-l", ["stemming": .bool(true)])
        #expect(metric.label == "ROUGE-L (stemmed)")
        #expect(metric.identity == .object(["id": .string("rouge-l"), "version": .int(1), "params": .object(["stemming": .bool(true)])]))
        #expect(throws: ParameterError.wrongType(key: "stemming", expected: "true or false", found: "a string")) {
            try make("rouge-l", ["stemming": .string("yes")])
        }
    }
}

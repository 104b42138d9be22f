import Testing
@testable import BlendCore

struct BeatsBaselineMetricTests {
    /// Judge scores: a 0.5 beats vicuna 0.3; b 0.3 ties it; c 0.1 loses.
    let example = Example(id: "q1", instruction: "?", candidates: [
        Candidate(model: "a", text: "A"), Candidate(model: "b", text: "B"),
        Candidate(model: "c", text: "C"), Candidate(model: "vicuna", text: "V"),
    ], oracle: .scores(["a": 0.5, "b": 0.3, "c": 0.1, "vicuna": 0.3]))
    let context = ComponentContext(seed: 0)

    @Test func tiesCountForBothByDefault() async throws {
        let m = try Catalog.make(Catalog.metrics, kind: "metric", id: "beats-baseline", params: ["baseline": .string("vicuna")])
        #expect(m.label == ">= vicuna % (ties count)")
        let values = try await [0, 1, 2, 3].asyncMap { try await m.value(of: .candidate($0), in: example, context: context) }
        #expect(values == [100, 100, 0, nil]) // the baseline itself is N/A
    }

    @Test func strictCountsOnlyWins() async throws {
        let m = BeatsBaselineMetric(.with { $0.baseline = "vicuna"; $0.ties = .strict })
        #expect(m.label == "> vicuna % (strict)")
        let values = try await [0, 1, 2].asyncMap { try await m.value(of: .candidate($0), in: example, context: context) }
        #expect(values == [100, 0, 0])
    }

    /// Pairwise verdicts: "Same bad" is a tie (counts with ties-count-for-both).
    @Test func pairwiseVerdicts() async throws {
        let pairwise = Example(id: "q2", instruction: "?", candidates: [Candidate(model: "a", text: "A"), Candidate(model: "v", text: "V")],
                               oracle: .pairwise([PairVerdict(a: "v", b: "a", outcome: .sameBad)]))
        #expect(try await BeatsBaselineMetric(.with { $0.baseline = "v" }).value(of: .candidate(0), in: pairwise, context: context) == 100)
        #expect(try await BeatsBaselineMetric(.with { $0.baseline = "v"; $0.ties = .strict }).value(of: .candidate(0), in: pairwise, context: context) == 0)
        #expect(try await BeatsBaselineMetric(.with { $0.baseline = "missing" }).value(of: .candidate(0), in: pairwise, context: context) == nil)
    }

    @Test func baselineIsRequired() {
        #expect(throws: ParameterError.self) { try Catalog.make(Catalog.metrics, kind: "metric", id: "beats-baseline", params: [:]) }
        #expect(throws: ParameterError.self) {
            try Catalog.make(Catalog.metrics, kind: "metric", id: "beats-baseline", params: ["baseline": .string("v"), "ties": .string("half")])
        }
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for e in self { out.append(try await transform(e)) }
        return out
    }
}

import Testing
@testable import BlendCore

struct LexicalScorerTests {
    @Test func scoresInRequestedOrder() throws {
        let scorer = LexicalScorer(metrics: try LexicalScorer.metrics(named: "rouge-1, bleu"))
        let v = scorer.score(hypothesis: "the cat sat on the mat", reference: "the cat is on the mat")
        #expect(v.count == 2)
        #expect(abs(v[0] - 5.0 / 6) < 1e-12)
        #expect(abs(v[1] - 37.99178428257963) < 1e-12)
    }

    @Test func unknownMetricListsTheKnownOnes() {
        #expect(throws: CatalogError.unknownID(kind: "lexical metric", id: "bleurt",
                                               known: ["bleu", "chrf", "rouge-1", "rouge-2", "rouge-l", "rouge-lsum"])) {
            try LexicalScorer.metrics(named: "bleu,bleurt")
        }
    }

    @Test func corpusAccumulates() {
        var corpus = LexicalCorpus()
        corpus.add(hypothesis: "the cat sat on the mat", reference: "the cat is on the mat", metrics: [.bleu, .chrf])
        corpus.add(hypothesis: "the cat", reference: "the cat is on the mat", metrics: [.bleu, .chrf])
        #expect(corpus.segments == 2)
        #expect(abs(corpus.bleuScore - 23.948545784847063) < 1e-12)
    }
}

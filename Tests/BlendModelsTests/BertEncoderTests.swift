import Testing
@testable import BlendModels

let sentences = ["A man is eating food.", "A man is eating a piece of bread.", "The weather is lovely today; let's go out!"]

/// platform.md's known value for all-MiniLM-L6-v2 (sentence-transformers): 0.7553.
@Test func knownCosineWithTheRealModel() throws {
    let model = try RealModel.load()
    let v = try model.embed(Array(sentences.prefix(2)))
    #expect(abs(cosine(v[0], v[1]) - 0.7553) < 5e-5)
    #expect(abs(v[0].reduce(0) { $0 + $1 * $1 } - 1) < 1e-5)
}

@Test func batchedEqualsOneAtATime() throws {
    let model = try RealModel.load()
    let batched = try model.embed(sentences, batchSize: 3)
    for (i, s) in sentences.enumerated() {
        #expect(maxAbsDifference(batched[i], try model.embed([s], batchSize: 1)[0]) < 1e-6)
    }
}

/// The encoder against a padded batch computed token by token: a sequence's states do not
/// depend on its neighbours, and layer 0 is the embedding LayerNorm output.
@Test func statesDoNotDependOnTheBatch() throws {
    let model = try RealModel.load()
    let a = model.tokenizer.encode(sentences[0], maxLength: 64), b = model.tokenizer.encode(sentences[2], maxLength: 64)
    let h = model.config.hiddenSize
    let together = try model.encoder.hiddenStates([a, b], layer: 2)
    let alone = try model.encoder.hiddenStates([b], layer: 2)
    #expect(together.count == (a.count + b.count) * h)
    #expect(maxAbsDifference(Array(together[(a.count * h)...]), alone) < 1e-5)
    #expect(throws: ModelError.self) { _ = try model.encoder.hiddenStates([a], layer: 7) }
}

@Test func segmentsAreMarkedAndPooled() throws {
    let model = try RealModel.load()
    let e = try model.encodeSegments(source: "What is 2+2?", a: "It is four.", b: "Five", budget: SegmentBudget(source: 3, candidate: 128))
    #expect(e.ids.first == 101 && e.ids.filter { $0 == 102 }.count == 3)
    #expect(e.ids.count == e.types.count)
    #expect(e.types.filter { $0 == 0 }.count == 5)  // [CLS] + 3 source tokens + [SEP]
    #expect(e.source.count == model.config.hiddenSize && e.candidateB.count == model.config.hiddenSize)
    #expect(cosine(e.candidateA, e.candidateB) < 0.9999)
}

@Test func missingModelSaysToRunMakeModels() {
    #expect(throws: ModelError.missingFile(path: "/nonexistent/model")) { _ = try EncoderModel(directory: "/nonexistent/model") }
    #expect(ModelError.missingFile(path: "x").description.contains("make models"))
}

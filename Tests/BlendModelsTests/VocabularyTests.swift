import Testing
@testable import BlendModels

@Test func tokenizerJSONAndVocabTxtAgree() throws {
    let txt = try Vocabulary.load(vocabTxt: RealModel.directory + "/vocab.txt")
    let json = try Vocabulary.load(tokenizerJSON: RealModel.directory + "/tokenizer.json")
    #expect(txt.tokens == json.tokens)
    #expect(txt.cls == 101 && txt.sep == 102 && txt.pad == 0 && txt.unk == 100)
}

@Test func aVocabularyWithoutSpecialTokensIsRejected() {
    #expect(throws: ModelError.self) { _ = try Vocabulary(tokens: ["a", "b"]) }
}

import BlendCore
import Testing
@testable import BlendModels

@Test func nativeEncodingMarksSpecialTokensAndNamesTheWeights() async throws {
    let encoding = NativeTextEncoding(model: try RealModel.load())
    let e = try await encoding.tokenEmbeddings(["A man is eating food."], layer: 6)[0]
    #expect(e.special == [true, false, false, false, false, false, false, true])
    #expect(e.vectors.count == 8 * 384)
    guard case .object(let identity)? = encoding.identity["model"] else { Issue.record("no model identity"); return }
    #expect(identity["weights_bytes"] == .int(90_868_376))  // the sha256-checked all-MiniLM-L6-v2 file
    let s = BERTScore.score(candidate: e, reference: e)
    #expect(abs(s.f1 - 1) < 1e-5)
}

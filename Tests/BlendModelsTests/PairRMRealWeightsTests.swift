import Foundation
import Testing
@testable import BlendModels

/// The released llm-blender/PairRM-hf weights, when `BLENDLAB_PAIRRM_DIR` names a directory
/// holding them (config.json, model.safetensors, spm.model, added_tokens.json): upstream's README
/// vector (digest 2.2), single order [A, B].
@Test(.enabled(if: ProcessInfo.processInfo.environment["BLENDLAB_PAIRRM_DIR"] != nil,
               "set BLENDLAB_PAIRRM_DIR to a PairRM-hf directory (model.safetensors) to compare with the published logits"))
func realPairRMReproducesThePublishedLogits() throws {
    let model = try PairRMModel(directory: ProcessInfo.processInfo.environment["BLENDLAB_PAIRRM_DIR"] ?? "")
    let logits = try model.logits([(source: "hello!", a: "hi!", b: "f**k off!"),
                                   (source: "I love you!", a: "I hate you!", b: "I love you, too!")])
    #expect(logits.count == 2)
    #expect(abs(logits[0] - 1.9003021717071533) < 1e-4, "\(logits)")
    #expect(abs(logits[1] - -1.2547134160995483) < 1e-4, "\(logits)")
}

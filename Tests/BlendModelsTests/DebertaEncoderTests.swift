import Foundation
import Testing
@testable import BlendModels

/// The random 2-layer DebertaV2Model of the fixtures (PairRM's config, shrunk) against PyTorch's
/// last hidden states on real token ids (lengths 5 to 1,100, so relative distances reach the log
/// buckets beyond 128 and the clamp beyond 256).
@Test func hiddenStatesMatchPyTorchWithin1e4() throws {
    let config = try DebertaConfig.load(path: PairRMFixtures.path("config.json"))
    let file = try SafeTensors(path: PairRMFixtures.path("model.safetensors"))
    let encoder = DebertaEncoder(config: config, weights: try DebertaWeights(file: file, config: config, prefix: "pretrained_model."))
    guard let meta = FileManager.default.contents(atPath: PairRMFixtures.path("hidden.json")),
          let object = try JSONSerialization.jsonObject(with: meta) as? [String: Any],
          let sequences = object["sequences"] as? [[Int]],
          let data = FileManager.default.contents(atPath: PairRMFixtures.path("hidden.f32")) else {
        throw ModelError.invalidArgument("hidden.json / hidden.f32 are missing; run `make pairrm-fixtures`")
    }
    let expected = data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    let ids = sequences.map { $0.map(Int32.init) }
    #expect(expected.count == ids.reduce(0) { $0 + $1.count } * config.hiddenSize)
    #expect(config.relativeAttention && config.shareAttentionKey && config.c2p && config.p2c && config.positionBuckets == 256)
    let got = try encoder.hiddenStates(ids)
    #expect(got.count == expected.count)
    let worst = maxAbsDifference(got, expected)
    #expect(worst < 1e-4, "max |native - PyTorch| = \(worst)")
    // One sequence alone gives the same states as in the packed batch.
    let h = config.hiddenSize, last = ids.count - 1
    let alone = try encoder.hiddenStates([ids[last]])
    #expect(maxAbsDifference(alone, Array(got[(got.count - ids[last].count * h)...])) < 1e-5)
}

@Test func unsupportedConfigValuesAreRefusedByName() throws {
    let base: [String: Any] = ["vocab_size": 10, "hidden_size": 8, "num_hidden_layers": 1, "num_attention_heads": 2, "intermediate_size": 16]
    func error(_ extra: [String: Any]) -> String {
        do { _ = try DebertaConfig(base.merging(extra) { $1 }, path: "config.json"); return "" } catch { return "\(error)" }
    }
    #expect(error([:]) == "")
    #expect(error(["pos_att_type": "p2c|c2p|p2p"]).contains("pos_att_type 'p2p'"))
    #expect(error(["conv_kernel_size": 3]).contains("conv_kernel_size 3"))
    #expect(error(["hidden_act": "relu"]).contains("hidden_act 'relu'"))
    #expect(error(["model_type": "bert"]).contains("model_type 'bert'"))
    #expect(error(["norm_rel_ebd": "batch_norm"]).contains("norm_rel_ebd 'batch_norm'"))
}

import Foundation
import Testing
@testable import BlendModels

/// The fixtures' random PairRM (2-layer PairRM-config DebertaV2Model + a random head) against
/// PyTorch on 24 real (instruction, a, b) triples: upstream's tokenize_pair ids exactly, and the
/// logit of DebertaV2PairRM's forward within 1e-4.
@Test func pairLogitsMatchPyTorchWithin1e4() throws {
    let model = try PairRMModel(directory: PairRMFixtures.directory)
    let rows = try PairRMFixtures.jsonLines("pairs.jsonl")
    #expect(rows.count == 24)
    let pairs = rows.map { (source: $0["instruction"] as? String ?? "", a: $0["a"] as? String ?? "", b: $0["b"] as? String ?? "") }
    for (row, pair) in zip(rows, pairs) {
        #expect(try model.pairIDs(source: pair.source, a: pair.a, b: pair.b) == (row["ids"] as? [Int] ?? []).map(Int32.init))
    }
    let logits = try model.logits(pairs)
    let worst = zip(logits, rows.map { $0["logit"] as? Double ?? .nan }).map { abs($0 - $1) }.max() ?? .nan
    #expect(worst < 1e-4, "max |native - PyTorch| logit = \(worst)")
}

@Test func pairRMBadInputIsAClearError() throws {
    let model = try PairRMModel(directory: PairRMFixtures.directory)
    #expect { _ = try model.pairIDs(source: "hi <|source|>", a: "a", b: "b") } throws: { "\($0)".contains("reserved token <|source|>") }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pairrm-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try Data("x".utf8).write(to: dir.appendingPathComponent("pytorch_model.bin"))
    #expect { _ = try PairRMModel(directory: dir.path) } throws: { "\($0)".contains("save_file(") && "\($0)".contains("model.safetensors") }
    try FileManager.default.removeItem(at: dir.appendingPathComponent("pytorch_model.bin"))
    for name in ["spm.model", "added_tokens.json", "model.safetensors"] {
        try FileManager.default.copyItem(atPath: PairRMFixtures.path(name), toPath: dir.appendingPathComponent(name).path)
    }
    var config = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: PairRMFixtures.path("config.json")))) as? [String: Any] ?? [:]
    config["vocab_size"] = 100
    try JSONSerialization.data(withJSONObject: config).write(to: dir.appendingPathComponent("config.json"))
    #expect { _ = try PairRMModel(directory: dir.path) } throws: { "\($0)".contains("vocab_size is 100") }
    try FileManager.default.removeItem(at: dir.appendingPathComponent("spm.model"))
    #expect { _ = try PairRMModel(directory: dir.path) } throws: { "\($0)".contains("spm.model is missing") }
}

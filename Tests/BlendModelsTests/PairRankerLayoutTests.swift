import BlendCore
import Foundation
import Testing
@testable import BlendModels

/// The paper-era layout (`llm-blender/pair-ranker`, `llm-blender/PairRM`: a RankerConfig
/// config.json naming its backbone) against upstream's own code: the fixture's checkpoint was
/// made by llm-blender 0.0.2's CrossCompareCollator and CrossCompareReranker (random 2-layer
/// DeBERTa-v3 backbone resized to the tokenizer, n_tasks 3, lengths 128/128), and
/// ranker-pairs.jsonl holds the collator's ids and `_forward`'s logit for 24 real triples (one
/// with a typed `[SEP]`).
private let directory = PairRMFixtures.path("pair-ranker")

@Test func paperEraPairRankerMatchesUpstreamWithin1e4() throws {
    let model = try PairRMModel(directory: directory)
    #expect(model.checkpoint.layout == .rankerConfig)
    #expect(model.sourceMaxLength == 128 && model.candidateMaxLength == 128 && model.tasks == 3)
    #expect(model.config.vocabSize == 4005, "the vocabulary is the resized embedding's, not the backbone config's")
    #expect(model.tokenizer.added["<|source|>"] == 4001 && model.tokenizer.added["<|candidate|>"] == 4004)
    let rows = try PairRMFixtures.jsonLines("ranker-pairs.jsonl")
    #expect(rows.count == 24)
    #expect(rows.contains { ($0["instruction"] as? String ?? "").contains("[SEP]") })
    let pairs = rows.map { (source: $0["instruction"] as? String ?? "", a: $0["a"] as? String ?? "", b: $0["b"] as? String ?? "") }
    for (row, pair) in zip(rows, pairs) {
        #expect(try model.pairIDs(source: pair.source, a: pair.a, b: pair.b) == (row["ids"] as? [Int] ?? []).map(Int32.init), "\(row["id"] ?? "")")
    }
    let logits = try model.logits(pairs)
    let worst = zip(logits, rows.map { $0["logit"] as? Double ?? .nan }).map { abs($0 - $1) }.max() ?? .nan
    #expect(worst < 1e-4, "max |native - upstream| logit = \(worst)")
    // PairRM-hf declares no lengths: upstream's defaults.
    let hf = try PairRMModel(directory: PairRMFixtures.directory)
    #expect(hf.checkpoint.layout == .pairRMhf && hf.sourceMaxLength == 1224 && hf.candidateMaxLength == 412)
}

@Test func pairRMComparatorReadsThePaperEraLayoutWithItsLengths() async throws {
    let row = try PairRMFixtures.jsonLines("ranker-pairs.jsonl")[5]
    let example = Example(id: "q", instruction: row["instruction"] as? String ?? "",
                          candidates: [Candidate(model: "x", text: row["a"] as? String ?? ""), Candidate(model: "y", text: row["b"] as? String ?? "")],
                          oracle: .scores([:]))
    guard case .pairwise(let comparator) = try Catalog.make(Catalog.rankers, kind: "ranker", id: "pair-rm", params: ["model": .string(directory)]) else {
        Issue.record("pair-rm is not pairwise"); return
    }
    var context = ComponentContext(seed: 0)
    context.encoders = NativeEncoderProvider()
    #expect(abs(try await comparator.logit(example, 0, 1, context: context) - (row["logit"] as? Double ?? .nan)) < 1e-4)
    guard case .pairwise(let shorter) = try Catalog.make(Catalog.rankers, kind: "ranker", id: "pair-rm",
                                                          params: ["model": .string(directory), "candidate_tokens": .int(16)]) else { return }
    let model = try PairRMModel(directory: directory, candidateMaxLength: 16)
    #expect(try await shorter.logit(example, 0, 1, context: context) == (try model.logits([(source: example.source, a: example.candidates[0].text, b: example.candidates[1].text)])[0]))
}

@Test func paperEraConfigErrorsSayWhatToFix() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pair-ranker-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.createSymbolicLink(atPath: dir + "/model.safetensors", withDestinationPath: directory + "/model.safetensors")
    try FileManager.default.createSymbolicLink(atPath: dir + "/backbone", withDestinationPath: directory + "/backbone")
    let base = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/config.json"))) as? [String: Any] ?? [:]
    func load(_ change: [String: Any]) throws {
        try JSONSerialization.data(withJSONObject: base.merging(change) { $1 }).write(to: URL(fileURLWithPath: dir + "/config.json"))
        _ = try PairRMModel(directory: dir)
    }
    try load([:])   // the copy loads as the fixture does
    #expect { try load(["ranker_type": "summareranker"]) } throws: { "\($0)".contains("ranker_type 'summareranker'; only pairranker") }
    #expect { try load(["model_type": "roberta"]) } throws: { "\($0)".contains("model_type 'roberta'; only DeBERTa backbones") }
    #expect { try load(["model_name": "microsoft/deberta-v3-base"]) } throws: {
        "\($0)".contains("model_name 'microsoft/deberta-v3-base' is neither a directory") && "\($0)".contains("microsoft/deberta-v3-large")
    }
    #expect { try load(["source_maxlength": NSNull()]) } throws: { "\($0)".contains("source_maxlength must be an integer") }
    // The built-in deberta-v3-large config, but no tokenizer anywhere: the error names spm.model.
    #expect { try load(["model_name": "microsoft/deberta-v3-large"]) } throws: { "\($0)".contains("spm.model") }
    // A tokenizer beside the checkpoint wins; the built-in config then meets the 256-wide fixture weights.
    try FileManager.default.copyItem(atPath: directory + "/backbone/spm.model", toPath: dir + "/spm.model")
    #expect { try load(["model_name": "microsoft/deberta-v3-large"]) } throws: { "\($0)".contains("has shape") }
}

import Foundation
import Testing

@Test("run pairrm without the PairRM weights stops before any work, saying where to put them and how to get them")
func pairRMWithoutWeights() throws {
    let dir = try scratch()
    let result = try blendlab(["run", "pairrm", "--set", "rankers=[oracle, {id: pair-rm, model: \(dir)/PairRM}]",
                               "--cache", dir + "/c.sqlite", "--results", dir + "/r"])
    #expect(result.status == 1)
    #expect(result.err == "error: pair-rm reads the model directory \(dir)/PairRM, which has no config.json; download llm-blender/PairRM-hf (or llm-blender/PairRM, llm-blender/pair-ranker) into \(dir)/PairRM (e.g. `huggingface-cli download llm-blender/PairRM-hf --local-dir \(dir)/PairRM`), then run again\n")
    #expect(!FileManager.default.fileExists(atPath: dir + "/c.sqlite"))
}

/// A `pair-rm` ranker inside a run reaches the native PairRM through the run's caching encoder
/// provider (the fixtures' random 2-layer PairRM), and a rerun reads every comparison back.
@Test("run with pair-rm compares through the native PairRM and a rerun is served from the cache")
func pairRMInsideARun() throws {
    let dir = try scratch()
    let model = ProcessInfo.processInfo.environment["BLENDLAB_PAIRRM_FIXTURES"] ?? packageRoot + "/.build-fixtures/pairrm"
    let lines = (0..<3).map { q in
        #"{"id": "q\#(q)", "instruction": "Name a colour number \#(q).", "candidates": [{"model": "a", "text": "Blue.", "score": 0.1}, {"model": "b", "text": "Red, like a rose.", "score": 0.\#(q + 2)}, {"model": "c", "text": "I cannot say.", "score": 0.3}]}"#
    }
    try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: dir + "/d.jsonl"))
    try Data("name: rm\ndataset: {source: jsonl, path: d.jsonl}\nrankers: [oracle, {id: pair-rm, model: \(model)}]\n".utf8)
        .write(to: URL(fileURLWithPath: dir + "/rm.yaml"))
    let common = ["run", "rm.yaml", "--cache", dir + "/c.sqlite", "--results", dir + "/results"]
    let cold = try blendlab(common, in: dir)
    #expect(cold.status == 0, "\(cold.err)")
    #expect(cold.err.contains("0 cached, 18 computed"), "\(cold.err)")
    let warm = try blendlab(common, in: dir)
    #expect(warm.status == 0 && warm.err.contains("served entirely from the cache"), "\(warm.err)")
}

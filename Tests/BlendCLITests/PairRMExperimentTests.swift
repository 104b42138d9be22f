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

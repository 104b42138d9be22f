import Foundation
import Testing

@Test("models: the model directories an experiment's rankers and metrics read, in first-use order; nothing for one that encodes no text")
func modelsCommand() throws {
    let dir = try scratch()
    try Data("""
        name: m
        dataset: {source: jsonl, path: d.jsonl}
        rankers: [oracle, mbr-embedding, {id: simcls, model: models/other}]
        metrics: [oracle-rank, bertscore]
        """.utf8).write(to: URL(fileURLWithPath: dir + "/m.yaml"))
    let listed = try blendlab(["models", "m.yaml"], in: dir)
    #expect(listed.status == 0, "\(listed.err)")
    #expect(listed.out == "models/all-MiniLM-L6-v2\nmodels/other\n")
    let none = try blendlab(["models", "smoke"])
    #expect(none.status == 0 && none.out.isEmpty)
}

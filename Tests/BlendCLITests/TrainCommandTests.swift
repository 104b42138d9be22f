import Foundation
import Testing

/// `blendlab train` on a small JSON-lines data set with the real MiniLM: it trains and stores
/// the weights, a second call finds them, `run` then trains nothing, and training on a
/// different data set (train_dataset via --set) than the evaluated one works.
@Test("integration (real MiniLM): blendlab train stores weights that run reuses; training data can be another data set")
func trainCommand() throws {
    let dir = try scratch()
    func data(_ name: String, _ offset: Int) throws -> String {
        let lines = (0..<24).map { k in
            let i = k + offset
            return #"{"id": "x\#(i)", "instruction": "Describe item \#(i).", "candidates": [{"model": "good", "text": "Item \#(i) is described fully, with detail and a clear reason.", "score": 0.9}, {"model": "bad", "text": "Nope.", "score": 0.1}, {"model": "mid", "text": "Item \#(i).", "score": 0.4}]}"#
        }
        let path = dir + "/\(name).jsonl"
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
    let evaluated = try data("eval", 0), other = try data("other", 1000)
    let model = packageRoot + "/models/all-MiniLM-L6-v2"
    try Data("""
        name: tiny
        seed: 2
        dataset: {source: jsonl, path: \(evaluated), split: {train: 0.5, test: 0.5}, evaluate: test}
        rankers: [oracle, {id: pair-ranker, model: \(model), source_tokens: 8, candidate_tokens: 16, max_epochs: 2, hidden: 8}]
        """.utf8).write(to: URL(fileURLWithPath: dir + "/tiny.yaml"))
    let cache = dir + "/c.sqlite"
    let first = try blendlab(["train", "--ranker", "pair-ranker", "--experiment", dir + "/tiny.yaml", "--cache", cache, "--quiet"], in: dir)
    #expect(first.status == 0, "\(first.err)")
    #expect(first.out.hasPrefix("pair-ranker(tokens=8/16): weights "))
    #expect(first.out.contains("validation accuracy"))
    let second = try blendlab(["train", "--ranker", "pair-ranker", "--experiment", dir + "/tiny.yaml", "--cache", cache], in: dir)
    #expect(second.status == 0 && second.out == first.out)
    #expect(second.err.contains("stored weights"))
    let run = try blendlab(["run", dir + "/tiny.yaml", "--cache", cache, "--results", dir + "/results"], in: dir)
    #expect(run.status == 0, "\(run.err)")
    #expect(run.err.contains("stored weights") && !run.err.contains("epoch 1"))

    // Train on another data set; evaluate the whole first one.
    let cross = try blendlab(["train", "--experiment", dir + "/tiny.yaml", "--cache", cache, "--quiet",
                              "--set", "train_dataset={source: jsonl, path: \(other)}", "--set", "dataset.split={}",
                              "--set", "dataset.evaluate=all"], in: dir)
    #expect(cross.status == 0, "\(cross.err)")
    // All 24 examples of the other file train (no split there), none of the evaluated file.
    let counts = cross.out.split(separator: "(").last.map { $0.split(separator: " ").compactMap { Int($0) } } ?? []
    #expect(counts.count == 2 && counts.reduce(0, +) == 24, "\(cross.out)")
    #expect(cross.out != first.out)

    let none = try blendlab(["train", "--ranker", "summareranker", "--experiment", dir + "/tiny.yaml", "--cache", cache], in: dir)
    #expect(none.status == 1)
    #expect(none.err.contains("experiment tiny has no trained ranker 'summareranker'; its trained rankers: pair-ranker"))
}

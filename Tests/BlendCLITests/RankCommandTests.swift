import Foundation
import Testing

/// `blendlab rank` on a small JSON-lines experiment with the real MiniLM: encoder rankers run
/// with the native encoders; trained rankers refuse to run until weights are stored, naming
/// `blendlab train`, then use the weights `blendlab run` stored, picking exactly what the run's
/// rows picked.
@Test("integration (real MiniLM): blendlab rank runs summareranker, simcls, mbr-embedding and pair-ranker with stored weights")
func rankCommand() throws {
    let dir = try scratch()
    let lines = (0..<24).map { i in
        #"{"id": "x\#(i)", "instruction": "Describe item \#(i).", "candidates": [{"model": "good", "text": "Item \#(i) is described fully, with detail and a clear reason.", "score": 0.9}, {"model": "bad", "text": "Nope.", "score": 0.1}, {"model": "mid", "text": "Item \#(i).", "score": 0.4}]}"#
    }
    try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: dir + "/d.jsonl"))
    let model = packageRoot + "/models/all-MiniLM-L6-v2"
    let small = "model: \(model), source_tokens: 8, candidate_tokens: 16, max_epochs: 3, hidden: 16"
    try Data("""
        name: tiny
        seed: 4
        dataset: {source: jsonl, path: d.jsonl, split: {train: 0.5, test: 0.5}, evaluate: test}
        rankers:
          - oracle
          - {id: summareranker, \(small)}
          - {id: simcls, model: \(model), projection: 8, max_epochs: 3}
          - {id: pair-ranker, \(small)}
          - {id: mbr-embedding, model: \(model)}
        aggregation: [max-logits]
        """.utf8).write(to: URL(fileURLWithPath: dir + "/tiny.yaml"))
    let cache = ["--cache", dir + "/c.sqlite"]
    func rank(_ id: String) throws -> (status: Int32, out: String, err: String) {
        try blendlab(["rank", "--ranker", id, "--experiment", "tiny.yaml"] + cache, in: dir)
    }

    // Untrained encoder ranker: works on a fresh cache, and caches nothing.
    let mbr = try rank("mbr-embedding")
    #expect(mbr.status == 0, "\(mbr.err)")
    #expect(!FileManager.default.fileExists(atPath: dir + "/c.sqlite"))
    // Trained rankers before any training: the error names the command to run.
    for id in ["summareranker", "simcls", "pair-ranker"] {
        let none = try rank(id)
        #expect(none.status == 1)
        #expect(none.err.hasPrefix("error: ") && none.err.contains("train them first: blendlab train --ranker \(id) --experiment tiny.yaml\n"),
                "\(none.err)")
    }
    let unlisted = try blendlab(["rank", "--ranker", "stack", "--experiment", "tiny.yaml"] + cache, in: dir)
    #expect(unlisted.status == 1 && unlisted.err.contains("does not list it under rankers:"), "\(unlisted.err)")

    let run = try blendlab(["run", "tiny.yaml", "--quiet", "--results", dir + "/results"] + cache, in: dir)
    #expect(run.status == 0, "\(run.err)")
    let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/results/tiny/result.json"))) as? [String: Any])
    let methods = try #require(document["methods"] as? [[String: Any]])
    let examples = try #require(document["examples"] as? [[String: Any]])
    #expect(!examples.isEmpty)
    for (id, prefix) in [("summareranker", "summareranker"), ("simcls", "simcls"), ("pair-ranker", "pair-ranker"), ("mbr-embedding", "mbr-embedding")] {
        let result = id == "mbr-embedding" ? mbr : try rank(id)
        #expect(result.status == 0, "\(id): \(result.err)")
        let rows = result.out.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(rows.count == examples.count, "\(id): one line per evaluated example")
        // The rank command's best candidate is the one the run's row selected, on every example.
        let key = try #require(methods.first { ($0["label"] as? String)?.hasPrefix(prefix) == true }?["key"] as? String)
        for (row, example) in zip(rows, examples) {
            let ranking = try #require(row["ranking"] as? [Int])
            #expect(ranking.sorted() == [0, 1, 2])
            #expect(row["id"] as? String == example["id"] as? String)
            let selected = ((example["outcomes"] as? [String: Any])?[key] as? [String: Any])?["selected"] as? Int
            #expect(ranking.first == selected, "\(id) on \(row["id"] ?? "?")")
        }
        if id == "pair-ranker" { #expect(rows.allSatisfy { $0["comparisons"] as? Int == 6 }) }
    }
}

/// k-fold cross-fitting: `rank` joins the per-fold weights as the run does.
@Test("integration: blendlab rank on a cross-fitted experiment uses one stored model per fold")
func rankCrossFitted() throws {
    let dir = try scratch()
    let lines = (0..<30).map { i in
        #"{"id": "k\#(i)", "instruction": "Describe item \#(i).", "candidates": [{"model": "wordy", "text": "Item \#(i) is described at length here, with reasons and details.", "score": 0.9}, {"model": "terse", "text": "Item \#(i).", "score": 0.1}, {"model": "mid", "text": "Item \#(i) is nice.", "score": 0.4}]}"#
    }
    try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: dir + "/d.jsonl"))
    try Data("name: folds\nseed: 11\ndataset: {source: jsonl, path: d.jsonl, split: {folds: 3}}\nrankers: [oracle, stack]\n".utf8)
        .write(to: URL(fileURLWithPath: dir + "/folds.yaml"))
    let cache = ["--cache", dir + "/c.sqlite"]
    let before = try blendlab(["rank", "--ranker", "stack", "--experiment", "folds.yaml"] + cache, in: dir)
    #expect(before.status == 1 && before.err.contains("blendlab train --ranker stack --experiment folds.yaml"), "\(before.err)")
    let train = try blendlab(["train", "--experiment", "folds.yaml", "--quiet"] + cache, in: dir)
    #expect(train.status == 0, "\(train.err)")
    let ranked = try blendlab(["rank", "--ranker", "stack", "--experiment", "folds.yaml"] + cache, in: dir)
    #expect(ranked.status == 0, "\(ranked.err)")
    let rows = ranked.out.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    #expect(rows.count == 30)
    #expect(rows.allSatisfy { ($0["ranking"] as? [Int])?.first == 0 }, "each fold's stack learned that the wordy answer is best")
}

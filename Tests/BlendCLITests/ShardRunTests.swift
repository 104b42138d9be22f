import BlendCore
import BlendStore
import Foundation
import Testing

/// A JSON-lines data set of `count` examples with 4 candidates of different lengths and
/// seeded-looking scores (the oracle), and a gold reference; deterministic.
func shardData(_ count: Int, words: Int = 6, to path: String) throws {
    let vocabulary = "the model answer prime river city light quick brown fox jumps over lazy dog data graph cache rank".split(separator: " ")
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int(state >> 33)
    }
    func text(_ n: Int) -> String { (0..<n).map { _ in String(vocabulary[next() % vocabulary.count]) }.joined(separator: " ") }
    let lines = (0..<count).map { i in
        let candidates = ["terse", "mid", "wordy", "sorry"].enumerated().map { m, model in
            #"{"model": "\#(model)", "text": "\#(text(words * (m + 1)))", "score": \#(Double(next() % 1000) / 1000)}"#
        }
        return #"{"id": "s\#(i)", "instruction": "Question \#(i): \#(text(4))?", "references": {"gold": "\#(text(words * 2))"}, "candidates": [\#(candidates.joined(separator: ", "))]}"#
    }
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
}

/// A small experiment over `data.jsonl` with a trained ranker (the stack, 3 folds), pointwise,
/// lexical and pairwise rankers with two aggregation rules.
func shardExperiment(in dir: String, rankers: String = "[oracle, {id: random, seed: 2}, {id: length, prefer: longest}, mbr, stack, {id: oracle-pair, noise: 0.5}]") throws {
    try Data("""
        name: shards
        seed: 5
        baseline: mid
        dataset: {source: jsonl, path: data.jsonl, reference: gold, split: {folds: 3}}
        rankers: \(rankers)
        aggregation: [max-logits, bubble]
        metrics: [oracle-rank, {id: top-k, k: 2}, judge-score, bleu]
        """.utf8).write(to: URL(fileURLWithPath: dir + "/shards.yaml"))
}

/// result.json without its `provenance` (timings, commit, start time).
func resultWithoutProvenance(_ folder: String) throws -> NSDictionary {
    let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/result.json"))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["provenance"] != nil)
    return object.filter { $0.key != "provenance" } as NSDictionary
}

/// The last run's stage lines of `cache stats`: stage -> (hits, misses).
func lastRunStages(_ cache: String, in dir: String) throws -> [String: (hits: Int, misses: Int)] {
    let stats = try CacheStore(path: cache).stats()
    return Dictionary(uniqueKeysWithValues: stats.lastRunStages.map { ($0.stage, ($0.hits, $0.misses)) })
}

/// Starts the binary without waiting; stdout and stderr go to files beside it.
func launch(_ arguments: [String], in directory: String, log: String) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    FileManager.default.createFile(atPath: log, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    return process
}

@Test("integration: 4 shards in 4 parallel processes, merged, render the unsharded result.json, and the final run computes nothing")
func shardedRunEqualsUnsharded() throws {
    let dir = try scratch()
    try shardData(24, to: dir + "/data.jsonl")
    try shardExperiment(in: dir)

    // A shard never trains: without weights it names the command to run first.
    let untrained = try blendlab(["run", "shards.yaml", "--shard", "1/4", "--cache", dir + "/none.sqlite"], in: dir)
    #expect(untrained.status == 1)
    #expect(untrained.err.contains("error: shard 1/4 of shards: no stored weights for stack [fold 1/3] in \(dir)/none.sqlite"), "\(untrained.err)")
    #expect(untrained.err.contains("blendlab train --experiment shards --cache TRAIN.sqlite"))
    #expect(try blendlab(["run", "shards.yaml", "--shard", "4/4"], in: dir).err.contains("--shard 4/4: expected I/N with 0 <= I < N"))

    // Train once; each shard starts from the trained weights and runs in its own process.
    let train = try blendlab(["train", "--experiment", "shards.yaml", "--cache", "train.sqlite"], in: dir)
    #expect(train.status == 0, "\(train.err)")
    for i in 0..<4 {
        #expect(try blendlab(["cache", "merge", "train.sqlite", "--into", "shard-\(i).sqlite"], in: dir).status == 0)
    }
    let shards = try (0..<4).map { i in
        try launch(["run", "shards.yaml", "--shard", "\(i)/4", "--cache", "shard-\(i).sqlite", "--results", "shard-results"],
                   in: dir, log: dir + "/shard-\(i).log")
    }
    var computed = 0
    for (i, p) in shards.enumerated() {
        p.waitUntilExit()
        let log = try String(contentsOfFile: dir + "/shard-\(i).log", encoding: .utf8)
        #expect(p.terminationStatus == 0, "shard \(i): \(log)")
        let match = try #require(log.firstMatch(of: /shard \d\/4: (\d+) of 24 examples cached/), "\(log)")
        computed += Int(match.1) ?? 0
        #expect(try lastRunStages(dir + "/shard-\(i).sqlite", in: dir)["train"]?.misses == 0, "weights read, not trained")
    }
    #expect(computed == 24, "the shards cover every example once")
    #expect(!FileManager.default.fileExists(atPath: dir + "/shard-results"), "a shard writes no pages")

    let merge = try blendlab(["cache", "merge", "shard-0.sqlite", "shard-1.sqlite", "shard-2.sqlite", "shard-3.sqlite", "--into", "merged.sqlite"], in: dir)
    #expect(merge.status == 0, "\(merge.err)")
    #expect(merge.out.contains("shard-3.sqlite: ") && !merge.out.contains("conflict"))
    let rows = try CacheStore(path: dir + "/merged.sqlite").stats().stages.map(\.rows).reduce(0, +)
    let again = try blendlab(["cache", "merge", "shard-0.sqlite", "shard-1.sqlite", "shard-2.sqlite", "shard-3.sqlite", "--into", "merged.sqlite"], in: dir)
    #expect(again.status == 0 && again.out.components(separatedBy: " 0 copied").count == 5, "\(again.out)")
    #expect(try CacheStore(path: dir + "/merged.sqlite").stats().stages.map(\.rows).reduce(0, +) == rows)

    let final = try blendlab(["run", "shards.yaml", "--cache", "merged.sqlite", "--results", "merged"], in: dir)
    #expect(final.status == 0, "\(final.err)")
    #expect(final.err.contains("served entirely from the cache"))
    let stages = try lastRunStages(dir + "/merged.sqlite", in: dir)
    #expect(Set(stages.keys).isSuperset(of: ["train", "rank", "compare"]), "\(stages.keys)")
    for (stage, counts) in stages { #expect(counts.misses == 0 && counts.hits > 0, "\(stage): \(counts)") }
    #expect(FileManager.default.fileExists(atPath: dir + "/merged/shards/index.html"))

    let plain = try blendlab(["run", "shards.yaml", "--cache", "plain.sqlite", "--results", "plain"], in: dir)
    #expect(plain.status == 0, "\(plain.err)")
    #expect(try resultWithoutProvenance(dir + "/merged/shards") == resultWithoutProvenance(dir + "/plain/shards"))
}

@Test("integration: cache merge refuses a damaged shard by name, merges the sound ones, lists conflicting keys, and exits 1")
func mergeCommandRefusesAndLists() throws {
    let dir = try scratch()
    try shardData(12, to: dir + "/data.jsonl")
    try shardExperiment(in: dir, rankers: "[oracle, {id: random, seed: 2}, length]")
    for i in 0..<2 {
        #expect(try blendlab(["run", "shards.yaml", "--shard", "\(i)/2", "--cache", "s\(i).sqlite"], in: dir).status == 0)
    }
    // A damaged copy of shard 1: every page after the first overwritten.
    #expect(!FileManager.default.fileExists(atPath: dir + "/s1.sqlite-wal"))
    try FileManager.default.copyItem(atPath: dir + "/s1.sqlite", toPath: dir + "/damaged.sqlite")
    let handle = try FileHandle(forUpdating: URL(fileURLWithPath: dir + "/damaged.sqlite"))
    let size = try handle.seekToEnd()
    try handle.seek(toOffset: 4096)
    handle.write(Data(repeating: 0xA5, count: Int(size) - 4096))
    try handle.close()

    let refused = try blendlab(["cache", "merge", "damaged.sqlite", "s0.sqlite", "--into", "m.sqlite"], in: dir)
    #expect(refused.status == 1)
    #expect(refused.err.contains("error: refusing to merge damaged.sqlite: "), "\(refused.err)")
    #expect(refused.err.contains("nothing was merged from it"))
    #expect(refused.err.hasSuffix("error: merge into m.sqlite incomplete: refused damaged.sqlite\n"), "\(refused.err)")
    let s0 = try CacheStore(path: dir + "/s0.sqlite").stats().stages.map(\.rows).reduce(0, +)
    #expect(try CacheStore(path: dir + "/m.sqlite").stats().stages.map(\.rows).reduce(0, +) == s0, "only the sound shard")

    // A value that differs under a key m.sqlite holds: listed, and m.sqlite keeps its own.
    let key = CacheKey(stage: "rank", component: "random", fields: .object(["example": .string("s1"), "seed": .int(2)]))
    let value = Data("[0.25,0.5]".utf8)
    try CacheStore(path: dir + "/m.sqlite").store([(key, value)])
    try CacheStore(path: dir + "/changed.sqlite").store([(key, Data("[0.25,0.75]".utf8))])
    let conflict = try blendlab(["cache", "merge", "changed.sqlite", "--into", "m.sqlite"], in: dir)
    #expect(conflict.status == 1)
    #expect(conflict.out == "changed.sqlite: 1 entry: 0 copied, 0 already present, 1 conflicting\n"
            + "  conflict rank/random key \(key.digest): m.sqlite holds a different value; key fields {\"example\":\"s1\",\"seed\":2}\n")
    #expect(conflict.err == "error: merge into m.sqlite incomplete: 1 key with a different value in m.sqlite (listed above; m.sqlite keeps its values)\n")
    #expect(try CacheStore(path: dir + "/m.sqlite").values(for: [key])[key.digest] == value)
}

@Test("integration: a shard killed with SIGKILL leaves a sound cache, and merging it copies every entry it committed")
func killedShardMerges() throws {
    let dir = try scratch()
    try shardData(3000, words: 40, to: dir + "/data.jsonl")
    try shardExperiment(in: dir, rankers: "[{id: mbr, metric: bleu}, {id: reference-metric, metric: bleu}, {id: mbr, metric: rouge-l}]")
    let shard = try launch(["run", "shards.yaml", "--shard", "0/2", "--cache", "killed.sqlite"], in: dir, log: dir + "/killed.log")
    var committed = 0
    let deadline = Date().addingTimeInterval(240)
    while shard.isRunning && committed == 0 && Date() < deadline {
        Thread.sleep(forTimeInterval: 0.05)
        if FileManager.default.fileExists(atPath: dir + "/killed.sqlite") {
            committed = (try? CacheStore(path: dir + "/killed.sqlite").stats().stages.first { $0.stage == "rank" }?.rows) ?? 0
        }
    }
    let killed = shard.isRunning
    kill(shard.processIdentifier, SIGKILL)
    shard.waitUntilExit()
    let log = (try? String(contentsOfFile: dir + "/killed.log", encoding: .utf8)) ?? ""
    #expect(killed && committed > 0, "killed mid-rank after \(committed) entries: \(log)")

    let left = try CacheStore(path: dir + "/killed.sqlite")
    #expect(try left.integrityCheck() == "ok")
    let rows = try left.stats().stages.map(\.rows).reduce(0, +)
    #expect(rows >= committed)
    let merge = try blendlab(["cache", "merge", "killed.sqlite", "--into", "merged.sqlite"], in: dir)
    #expect(merge.status == 0, "\(merge.err)")
    #expect(merge.out == "killed.sqlite: \(rows) entries: \(rows) copied, 0 already present\n")
    #expect(try CacheStore(path: dir + "/merged.sqlite").stats().stages.map(\.rows).reduce(0, +) == rows)
}

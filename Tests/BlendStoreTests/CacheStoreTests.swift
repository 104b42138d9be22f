import BlendCore
import BlendStore
import Foundation
import Testing

func temporaryDirectory() throws -> String {
    let dir = NSTemporaryDirectory() + "blendlab-store-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

func rankKey(seed: Int, example: String, text: String = "t") -> CacheKey {
    CacheKey(stage: "rank", component: "random", fields: .object([
        "component": .object(["id": .string("random"), "params": .object(["seed": .int(seed)])]),
        "example": .object(["id": .string(example), "text": .string(text)]),
    ]))
}

@Test("integration (SQLite on disk): values survive reopening the file, in WAL mode")
func roundTripOnDisk() throws {
    let path = try temporaryDirectory() + "/cache.sqlite"
    do {
        let store = try CacheStore(path: path)
        try store.store([(rankKey(seed: 1, example: "a"), Data("[1,2]".utf8))])
    }
    let reopened = try CacheStore(path: path)
    let found = try reopened.values(for: [rankKey(seed: 1, example: "a"), rankKey(seed: 2, example: "a")])
    #expect(found.count == 1)
    #expect(found[rankKey(seed: 1, example: "a").digest] == Data("[1,2]".utf8))
    #expect(try reopened.integrityCheck() == "ok")
    #expect(FileManager.default.fileExists(atPath: path + "-wal"))
}

@Test("integration (SQLite on disk): stats count rows and bytes per stage and the last run's hits")
func stats() throws {
    let store = try CacheStore(path: try temporaryDirectory() + "/cache.sqlite")
    try store.store((0..<3).map { (rankKey(seed: 1, example: "e\($0)"), Data("[0]".utf8)) })
    let run = try store.startRun(experiment: "smoke")
    try store.recordStage(run: run, stage: "rank", hits: 2, misses: [rankKey(seed: 1, example: "e9")])
    try store.finishRun(run)
    let stats = try store.stats()
    #expect(stats.stages.map(\.stage) == ["rank"])
    #expect(stats.stages[0].rows == 3)
    #expect(stats.stages[0].bytes > 3 * 3)
    #expect(stats.lastRunExperiment == "smoke")
    #expect(stats.lastRunStages.map(\.hits) == [2])
    #expect(stats.lastRunStages.map(\.misses) == [1])
}

@Test("integration (SQLite on disk): explain names the key field that changed")
func explainNamesTheField() throws {
    let store = try CacheStore(path: try temporaryDirectory() + "/cache.sqlite")
    try store.store((0..<4).map { (rankKey(seed: 1, example: "e\($0)"), Data("[0]".utf8)) })
    Thread.sleep(forTimeInterval: 0.01)
    let run = try store.startRun(experiment: "x")
    let misses = (0..<4).map { rankKey(seed: 2, example: "e\($0)") } + [rankKey(seed: 1, example: "e0", text: "edited")]
    try store.recordStage(run: run, stage: "rank", hits: 0, misses: misses)
    let groups = try #require(try store.explain(experiment: "x"))
    #expect(groups.count == 2)
    #expect(groups[0].count == 4)
    #expect(groups[0].differingFields == ["component.params.seed"])
    #expect(groups[1].differingFields == ["example.text"])
    #expect(try store.explain(experiment: "never-ran") == nil)
}

@Test("a cache path that cannot be created is a clear error naming the path, not a crash")
func unusablePath() throws {
    let dir = try temporaryDirectory()
    let blocker = dir + "/not-a-directory"
    _ = FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
    do {
        _ = try CacheStore(path: blocker + "/cache.sqlite")
        Issue.record("opening a cache under a regular file should fail")
    } catch let error as StoreError {
        #expect(error.description.contains(blocker + "/cache.sqlite"))
        #expect(error.description.contains("--cache"))
    }
}

@Test("a key built from a hashed prefix and a tail has the digest of the whole key")
func prefixedKeysEqualWholeKeys() {
    let shared = JSONValue.object(["component": .string("pair-ranker"), "texts": .array((0..<40).map { .string(SHA256.hex("text \($0)")) })])
    let prefix = CacheKey.Prefix(stage: "compare", canonicalHead: Array(#"{"comparator":"#.utf8) + shared.canonicalBytes)
    for (i, j) in [(0, 1), (1, 0), (12, 13)] {
        let fields = JSONValue.object(["comparator": shared, "pair": .array([.int(i), .int(j)])])
        let whole = CacheKey(stage: "compare", component: "pair-ranker", fields: fields)
        let spliced = CacheKey(component: "pair-ranker", fields: fields, prefix: prefix, canonicalTail: Array(#","pair":[\#(i),\#(j)]}"#.utf8))
        #expect(spliced == whole)
    }
}

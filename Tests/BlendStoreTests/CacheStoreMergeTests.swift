import BlendCore
import BlendStore
import Foundation
import Testing

/// A cache at `path` holding `values` (example name -> value) under rank keys.
private func cache(_ path: String, _ values: [String: String]) throws -> CacheStore {
    let store = try CacheStore(path: path)
    try store.store(values.sorted { $0.key < $1.key }.map { (rankKey(seed: 1, example: $0.key), Data($0.value.utf8)) })
    return store
}

/// Every entry of a cache (key digest -> value), read through the public lookup.
private func contents(_ store: CacheStore, examples: [String]) throws -> [String: Data] {
    try store.values(for: examples.map { rankKey(seed: 1, example: $0) })
}

@Test("integration (SQLite on disk): merge copies every entry of every source, in batches, and merging again changes nothing")
func mergeCopiesEverythingIdempotently() throws {
    let dir = try temporaryDirectory()
    let names = (0..<1203).map { "e\($0)" }
    _ = try cache(dir + "/a.sqlite", Dictionary(uniqueKeysWithValues: names.prefix(700).map { ($0, "[\($0.count)]") }))
    _ = try cache(dir + "/b.sqlite", Dictionary(uniqueKeysWithValues: names.suffix(600).map { ($0, "[\($0.count)]") }))
    let into = try CacheStore(path: dir + "/into.sqlite")
    let a = try into.merge(from: dir + "/a.sqlite", batch: 64)
    let b = try into.merge(from: dir + "/b.sqlite", batch: 64)
    #expect((a.entries, a.copied, a.present, a.conflicts.count) == (700, 700, 0, 0))
    #expect((b.entries, b.copied, b.present, b.conflicts.count) == (600, 503, 97, 0), "97 examples are in both sources")
    let merged = try contents(into, examples: names)
    #expect(merged.count == 1203)
    #expect(merged[rankKey(seed: 1, example: "e5").digest] == Data("[2]".utf8))
    #expect(try into.stats().stages.map(\.rows) == [1203])

    let again = try [into.merge(from: dir + "/a.sqlite"), into.merge(from: dir + "/b.sqlite")]
    #expect(again.map(\.copied) == [0, 0] && again.map(\.present) == [700, 600])
    #expect(try contents(into, examples: names) == merged)
    #expect(try into.integrityCheck() == "ok")
}

@Test("integration (SQLite on disk): a key held with a different value is reported with its stage and fields, and not replaced")
func mergeReportsConflicts() throws {
    let dir = try temporaryDirectory()
    let into = try cache(dir + "/into.sqlite", ["x": "[1]", "y": "[2]"])
    _ = try cache(dir + "/src.sqlite", ["x": "[1]", "y": "[2.5]", "z": "[3]"])
    let outcome = try into.merge(from: dir + "/src.sqlite")
    #expect((outcome.copied, outcome.present) == (1, 1))
    let key = rankKey(seed: 1, example: "y")
    #expect(outcome.conflicts == [MergeOutcome.Conflict(key: key.digest, stage: "rank", component: "random", fields: key.fields.canonical)])
    #expect(try contents(into, examples: ["y"])[key.digest] == Data("[2]".utf8), "the destination keeps its value")
    #expect(try into.merge(from: dir + "/src.sqlite").conflicts.count == 1, "reported again, still not replaced")
}

@Test("integration (SQLite on disk): a damaged, missing or foreign source is refused by name and nothing is merged from it")
func mergeRefusesBadSources() throws {
    let dir = try temporaryDirectory()
    do { _ = try cache(dir + "/bad.sqlite", Dictionary(uniqueKeysWithValues: (0..<400).map { ("e\($0)", String(repeating: "7", count: 200)) })) }
    #expect(!FileManager.default.fileExists(atPath: dir + "/bad.sqlite-wal"), "closed: every page is in the main file")
    // Damage every page after the first (which holds the schema).
    let handle = try FileHandle(forUpdating: URL(fileURLWithPath: dir + "/bad.sqlite"))
    let size = try handle.seekToEnd()
    try handle.seek(toOffset: 4096)
    handle.write(Data(repeating: 0x5A, count: Int(size) - 4096))
    try handle.close()
    try Data("not a database, just text that is long enough to look like a header...".utf8).write(to: URL(fileURLWithPath: dir + "/text.sqlite"))

    let into = try cache(dir + "/into.sqlite", ["kept": "[0]"])
    for (source, reason) in [("bad.sqlite", "integrity_check"), ("missing.sqlite", "no such file"), ("text.sqlite", "not a database")] {
        let path = dir + "/" + source
        let error = #expect(throws: StoreError.self) { try into.merge(from: path) }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.hasPrefix("refusing to merge \(path): "), "\(message)")
        #expect(message.contains(reason) && message.contains("nothing was merged from it"), "\(message)")
    }
    #expect(throws: StoreError.self) { try into.merge(from: dir + "/into.sqlite") }
    #expect(try into.stats().stages.map(\.rows) == [1], "only its own entry")
    #expect(!FileManager.default.fileExists(atPath: dir + "/missing.sqlite"), "a missing source is not created")
}

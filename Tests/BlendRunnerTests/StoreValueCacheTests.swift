import BlendCore
import BlendStore
import Foundation
import Testing
@testable import BlendRunner

actor Counter {
    var count = 0
    func bump() { count += 1 }
}

func temporaryCachePath() -> String {
    NSTemporaryDirectory() + "blendlab-\(UUID().uuidString)/cache.sqlite"
}

/// Integration test on SQLite on disk: a value is computed once, then read back by a new store.
@Test func storeValueCacheComputesOnceAcrossStoresSQLite() async throws {
    let path = temporaryCachePath()
    let counter = Counter()
    let fields: JSONValue = .object(["text": .string("abc")])
    for _ in 0..<2 {
        let cache = StoreValueCache(store: try CacheStore(path: path))
        let v: BERTScore.Score = try await cache.value(stage: "metric", component: "bertscore", fields: fields) {
            await counter.bump()
            return BERTScore.Score(precision: 0.5, recall: 0.25, f1: 1.0 / 3)
        }
        #expect(v == BERTScore.Score(precision: 0.5, recall: 0.25, f1: 1.0 / 3))
    }
    #expect(await counter.count == 1)
    let other: Int = try await StoreValueCache(store: try CacheStore(path: path))
        .value(stage: "metric", component: "bertscore", fields: .object(["text": .string("abd")])) { 7 }
    #expect(other == 7)
}

/// An encoder that counts the texts it embeds.
struct CountingEncoder: TextEncoding, TextEncoderProvider {
    let counter: Counter
    var identity: JSONValue { .string("counting") }
    func tokenEmbeddings(_ texts: [String], layer: Int) async throws -> [TokenEmbeddings] { [] }
    func tokenIDs(_ texts: [String]) async throws -> [[Int]] { [] }
    func sentenceEmbeddings(_ texts: [String]) async throws -> [[Float]] {
        for _ in texts { await counter.bump() }
        return texts.map { [Float($0.count)] }
    }
    func encoder(model: String) async throws -> any TextEncoding { self }
}

@Test func sentenceEmbeddingsAreCachedPerTextSQLite() async throws {
    let counter = Counter()
    let cache = StoreValueCache(store: try CacheStore(path: temporaryCachePath()))
    let provider = CachingEncoderProvider(base: CountingEncoder(counter: counter), cache: cache)
    let encoder = try await provider.encoder(model: "m")
    #expect(try await encoder.sentenceEmbeddings(["a", "bb"]) == [[1], [2]])
    #expect(try await encoder.sentenceEmbeddings(["bb", "ccc"]) == [[2], [3]])
    #expect(await counter.count == 3)
}

/// Records which texts reach the encoder.
actor TextLog {
    var texts: [String] = []
    func add(_ t: [String]) { texts += t }
}

struct TokenCountingEncoder: TextEncoding, TextEncoderProvider {
    let log: TextLog
    var identity: JSONValue { .string("token-counting") }
    func tokenEmbeddings(_ texts: [String], layer: Int) async throws -> [TokenEmbeddings] {
        await log.add(texts)
        return texts.map { TokenEmbeddings(ids: [$0.count, layer], special: [false, false], vectors: [Float($0.count), Float(layer)], dimension: 1) }
    }
    func tokenIDs(_ texts: [String]) async throws -> [[Int]] { [] }
    func sentenceEmbeddings(_ texts: [String]) async throws -> [[Float]] { [] }
    func encoder(model: String) async throws -> any TextEncoding { self }
}

/// Within a run, each (layer, text) is encoded once however many consumers ask, concurrently or not.
@Test func tokenStatesAreEncodedOncePerTextAndLayerInARun() async throws {
    let log = TextLog()
    let provider = CachingEncoderProvider(base: TokenCountingEncoder(log: log), cache: StoreValueCache(store: try CacheStore(path: temporaryCachePath())))
    let encoder = try await provider.encoder(model: "m")
    try await withThrowingTaskGroup(of: [TokenEmbeddings].self) { group in
        for candidate in ["a", "bb", "ccc", "a"] { group.addTask { try await encoder.tokenEmbeddings([candidate, "reference"], layer: 6) } }
        for try await states in group { #expect(states[1].vectors == [9, 6]) }
    }
    let again = try await provider.encoder(model: "m").tokenEmbeddings(["reference", "bb", "bb"], layer: 6)
    #expect(again.map(\.vectors) == [[9, 6], [2, 6], [2, 6]])
    #expect(try await encoder.tokenEmbeddings(["reference"], layer: 5)[0].vectors == [9, 5])
    #expect(await log.texts.sorted() == ["a", "bb", "ccc", "reference", "reference"])
}

@Test func theTokenStateMemoDropsOldestEntriesBeyondItsCapacity() async throws {
    let log = TextLog()
    let memo = TokenStateMemo(capacity: 16)  // two entries of 2 floats
    let encode: @Sendable ([String]) async throws -> [TokenEmbeddings] = { texts in
        await log.add(texts)
        return texts.map { _ in TokenEmbeddings(ids: [1, 2], special: [false, false], vectors: [1, 2], dimension: 1) }
    }
    for text in ["a", "b", "c", "c", "b", "a"] { _ = try await memo.states([text], encoder: "e", layer: 1, encode: encode) }
    #expect(await log.texts == ["a", "b", "c", "a"])
}

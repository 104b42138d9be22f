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

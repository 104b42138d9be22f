import Foundation
import Testing
@testable import BlendCore

/// A hand-worked example: 2-d token vectors, `[CLS]`/`[SEP]` weighted 0 but matchable.
///   candidate: [CLS](1,0) a(1,0) b(0,1) [SEP](1,1)   reference: [CLS](1,0) a(1,0) c(3,4) [SEP](1,0)
/// After normalisation c = (0.6, 0.8) and the candidate's [SEP] = (1,1)/√2.
///   P: a → max(1, 1, 0.6, 1) = 1; b → max(0, 0, 0.8, 0) = 0.8;        P = 0.9
///   R: a → 1;  c → max(0.6, 0.6, 0.8, 1.4/√2 ≈ 0.98995) = 1.4/√2;     R = (1 + 1.4/√2)/2
let candidate = TokenEmbeddings(ids: [101, 1, 2, 102], special: [true, false, false, true],
                                vectors: [1, 0, 1, 0, 0, 1, 1, 1], dimension: 2)
let reference = TokenEmbeddings(ids: [101, 1, 3, 102], special: [true, false, false, true],
                                vectors: [1, 0, 1, 0, 3, 4, 1, 0], dimension: 2)

@Test func bertScoreHandWorkedExample() {
    let s = BERTScore.score(candidate: candidate, reference: reference)
    let p = 0.9, r = (1 + 1.4 / 2.0.squareRoot()) / 2
    #expect(abs(s.precision - p) < 1e-6)
    #expect(abs(s.recall - r) < 1e-6)
    #expect(abs(s.f1 - 2 * p * r / (p + r)) < 1e-6)
}

@Test func bertScoreIdenticalTextsScoreOne() {
    let s = BERTScore.score(candidate: reference, reference: reference)
    #expect(abs(s.f1 - 1) < 1e-6 && abs(s.precision - 1) < 1e-6)
}

@Test func bertScoreIDFWeightsFollowBertScore() {
    // M = 2 references; token 1 is in both (idf log(3/3) = 0), token 3 in one (log(3/2)),
    // token 2 in none (log 3).
    let idf = BERTScore.IDF(references: [[101, 1, 3, 102], [101, 1, 102]])
    #expect(idf.weight(1) == 0)
    #expect(abs(idf.weight(3) - log(1.5)) < 1e-12)
    #expect(abs(idf.weight(2) - log(3.0)) < 1e-12)
    // With idf, recall counts only c (a weighs 0): R = 1.4/√2; precision only b: P = 0.8.
    let s = BERTScore.score(candidate: candidate, reference: reference, idf: idf)
    #expect(abs(s.recall - 1.4 / 2.0.squareRoot()) < 1e-6)
    #expect(abs(s.precision - 0.8) < 1e-6)
}

/// A token whose every similarity is negative counts 0, as bert-score's padded batches give.
@Test func bertScoreNegativeBestMatchCountsZero() {
    let a = TokenEmbeddings(ids: [101, 1, 102], special: [true, false, true], vectors: [0, 1, 1, 0, 0, 1], dimension: 2)
    let b = TokenEmbeddings(ids: [101, 2, 102], special: [true, false, true], vectors: [0, 1, -1, 0, 0, 1], dimension: 2)
    let s = BERTScore.score(candidate: a, reference: b)
    #expect(s.precision == 0 && s.recall == 0 && s.f1 == 0)
}

@Test func bertScoreOfAnEmptyTextIsZero() {
    let empty = TokenEmbeddings(ids: [101, 102], special: [true, true], vectors: [1, 0, 0, 1], dimension: 2)
    let s = BERTScore.score(candidate: empty, reference: reference)
    #expect(s.precision == 0 && s.f1 == 0)
}

/// An in-memory encoder: each text's token vectors come from a table.
struct TableEncoder: TextEncoding, TextEncoderProvider {
    var table: [String: TokenEmbeddings]
    var identity: JSONValue { .string("table") }
    func tokenEmbeddings(_ texts: [String], layer: Int) async throws -> [TokenEmbeddings] { texts.map { table[$0] ?? candidate } }
    func tokenIDs(_ texts: [String]) async throws -> [[Int]] { texts.map { table[$0]?.ids ?? [] } }
    func sentenceEmbeddings(_ texts: [String]) async throws -> [[Float]] { texts.map { _ in [1] } }
    func encoder(model: String) async throws -> any TextEncoding { self }
}

/// A cache that remembers values by canonical key and counts computations.
actor MemoryCache: ValueCache {
    var stored: [String: Data] = [:]
    var computed = 0
    func value<V: Codable & Sendable>(stage: String, component: String, fields: JSONValue,
                                      compute: @Sendable () async throws -> V) async throws -> V {
        let key = stage + fields.canonical
        if let data = stored[key] { return try JSONDecoder().decode(V.self, from: data) }
        let v = try await compute()
        computed += 1
        stored[key] = try JSONEncoder().encode(v)
        return v
    }
}

@Test func bertScoreMetricUsesTheEncoderAndTheCache() async throws {
    let example = Example(id: "e1", instruction: "q", references: ["gold": "ref"],
                          candidates: [Candidate(model: "m", text: "cand")], oracle: .scores([:]))
    let cache = MemoryCache()
    let context = ComponentContext(seed: 0, reference: "gold", encoders: TableEncoder(table: ["cand": candidate, "ref": reference]), cache: cache)
    let metric = try Catalog.make(Catalog.metrics, kind: "metric", id: "bertscore", params: ["layer": .int(3)])
    let p = 0.9, r = (1 + 1.4 / 2.0.squareRoot()) / 2
    for _ in 0..<2 {
        let v = try #require(try await metric.value(of: .candidate(0), in: example, context: context))
        #expect(abs(v - 100 * 2 * p * r / (p + r)) < 1e-4)
    }
    #expect(await cache.computed == 1)
    // Without a reference the metric does not apply; without an encoder it says what is missing.
    #expect(try await metric.value(of: .candidate(0), in: example, context: ComponentContext(seed: 0)) == nil)
    await #expect(throws: EncodingError.self) {
        _ = try await metric.value(of: .candidate(0), in: example, context: ComponentContext(seed: 0, reference: "gold"))
    }
}

@Test func bertScoreMetricRejectsBadParameters() {
    #expect(throws: ParameterError.self) { _ = try Catalog.make(Catalog.metrics, kind: "metric", id: "bertscore", params: ["idf": .string("yes")]) }
    #expect(throws: ParameterError.self) { _ = try Catalog.make(Catalog.metrics, kind: "metric", id: "bertscore", params: ["layers": .int(6)]) }
}

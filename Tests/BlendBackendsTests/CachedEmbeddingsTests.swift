import BlendBackends
import BlendCore
@testable import BlendRunner
import BlendStore
import Foundation
import Testing

/// `/v1/embeddings` and its cache against the fake server (Fixtures/fake_openai.py answers
/// [characters, words, 1] per input, in reverse order); the real server is in
/// EmbeddingBackendIntegrationTests.
@Suite struct CachedEmbeddingsTests {
    func embeddings(_ server: FakeServer, dir: String, batch: Int, retries: Int = 0) throws -> (CachedEmbeddings, CacheStore) {
        let store = try CacheStore(path: dir + "/cache.sqlite")
        let client = try OpenAIBackend(config: BackendConfig(name: "fake", baseURL: server.baseURL, retries: retries, backoff: 0.01))
        return (CachedEmbeddings(backends: ["fake": client], store: store, batches: ["fake": batch]), store)
    }

    func bodies(_ server: FakeServer) throws -> [[String: Any]] {
        (try server.stats()["bodies"] as? [[String: Any]] ?? []).compactMap { $0["body"] as? [String: Any] }
    }

    @Test func vectorsComeInInputOrderWithEveryRequestField() async throws {
        let server = try await FakeServer(plan: "200")
        let backend = try OpenAIBackend(config: BackendConfig(name: "fake", baseURL: server.baseURL))
        let vectors = try await backend.embed(model: "e5", inputs: ["a", "bb cc", "ddd"], dimensions: 3)
        #expect(vectors == [[1, 1, 1], [5, 2, 1], [3, 1, 1]])
        let body = try #require(try bodies(server).first)
        #expect(body["model"] as? String == "e5")
        #expect(body["input"] as? [String] == ["a", "bb cc", "ddd"])
        #expect(body["dimensions"] as? Int == 3)
        #expect(body["encoding_format"] as? String == "float")
    }

    @Test func aPerTokenAnswerIsABadResponseNotAVector() async throws {
        let server = try await FakeServer(plan: "200")
        let backend = try OpenAIBackend(config: BackendConfig(name: "fake", baseURL: server.baseURL))
        do {
            _ = try await backend.embed(model: "m", inputs: ["per-token"], dimensions: nil)
            Issue.record("a vector per token was accepted")
        } catch let error as BackendError {
            #expect(error.description.contains("backend 'fake' at \(server.baseURL)/embeddings sent an answer that is not OpenAI-compatible JSON"))
            #expect(error.description.contains("pooling"))
        }
    }

    @Test func batchesTheUnseenTextsOnceAndCachesEveryVector() async throws {
        let server = try await FakeServer(plan: "200")
        let dir = try scratchDirectory()
        let (service, store) = try embeddings(server, dir: dir, batch: 2)
        let texts = ["one", "two words", "one", "three little words", "x", "y"]
        let cold = try await service.embeddings(backend: "fake", model: "m", dimensions: nil, texts: texts)
        #expect(cold == texts.map { [Float($0.count), Float($0.split(separator: " ").count), 1] })
        #expect(try bodies(server).map { $0["input"] as? [String] ?? [] } == [["one", "two words"], ["three little words", "x"], ["y"]])
        let stage = await service.embedStage()
        #expect(stage.hits == 0 && stage.misses.count == 5)
        #expect(try store.stats().stages.first { $0.stage == "embed" }?.rows == 5)

        let warm = try await service.embeddings(backend: "fake", model: "m", dimensions: nil, texts: texts.reversed())
        #expect(warm == cold.reversed())
        #expect(try server.stats()["requests"] as? Int == 3)   // nothing sent again
        // Another model or another size is another key.
        _ = try await service.embeddings(backend: "fake", model: "m", dimensions: 2, texts: ["one"])
        _ = try await service.embeddings(backend: "fake", model: "other", dimensions: nil, texts: ["one"])
        #expect(try server.stats()["requests"] as? Int == 5)
    }

    @Test func aFailedBatchKeepsTheBatchesBeforeIt() async throws {
        let server = try await FakeServer(plan: "200,503")
        let dir = try scratchDirectory()
        let (service, store) = try embeddings(server, dir: dir, batch: 2)
        do {
            _ = try await service.embeddings(backend: "fake", model: "m", dimensions: nil, texts: ["a", "b", "c", "d"])
            Issue.record("expected the second batch to fail")
        } catch let error as BackendError {
            #expect(error.description.contains("answered HTTP 503"))
        }
        #expect(try store.stats().stages.first { $0.stage == "embed" }?.rows == 2)
        do {
            _ = try await service.embeddings(backend: "nope", model: "m", dimensions: nil, texts: ["a"])
            Issue.record("an unknown backend was accepted")
        } catch let error as BackendError {
            #expect(error.description == "no backend named 'nope'; backends: fake")
        }
    }

    @Test func storedVectorsRoundTripExactly() {
        let v: [Float] = [0, -0.0, 1.5, -3.25e-8, .greatestFiniteMagnitude, .leastNonzeroMagnitude]
        let back = CachedEmbeddings.vector(CachedEmbeddings.data(v))
        #expect(back?.map(\.bitPattern) == v.map(\.bitPattern))
        #expect(CachedEmbeddings.vector(Data([1, 2, 3])) == nil)
    }
}

import BlendBackends
import BlendCore
import BlendRunner
import BlendStore
import Foundation
import Testing

@Suite struct CachedGenerationTests {
    static let base = GenerationRequest(backend: "local", model: "smollm2", prompt: .chat([ChatMessage(role: "user", content: "Hi")]),
                                        sampling: Sampling(temperature: 0.7, topP: 0.9, maxTokens: 16, stop: ["\n"], seed: 1),
                                        sample: 0, purpose: "test")
    static let identity: JSONValue = .object(["base_url": .string("http://127.0.0.1:8088/v1")])

    /// Each changed field of the request, and the key path `cache explain` should name.
    static let variations: [(String, @Sendable (inout GenerationRequest) -> Void)] = [
        ("request.model", { $0.model = "gemma3" }),
        ("request.sampling.temperature", { $0.sampling.temperature = 0.8 }),
        ("request.sampling.top_p", { $0.sampling.topP = 0.5 }),
        ("request.sampling.max_tokens", { $0.sampling.maxTokens = 17 }),
        ("request.sampling.stop[0]", { $0.sampling.stop = ["END"] }),
        ("request.sampling.seed", { $0.sampling.seed = 2 }),
        ("request.sample", { $0.sample = 1 }),
        ("request.messages[0].content", { $0.prompt = .chat([ChatMessage(role: "user", content: "Hello")]) }),
        ("request.messages[0].role", { $0.prompt = .chat([ChatMessage(role: "system", content: "Hi")]) }),
        ("request.echo_logprobs", { $0.echoLogprobs = true }),
    ]

    @Test func everyFieldChangesTheKey() {
        let key = CachedGeneration.key(for: Self.base, identity: Self.identity)
        var digests: Set<String> = [key.digest]
        for (name, change) in Self.variations {
            var r = Self.base
            change(&r)
            let other = CachedGeneration.key(for: r, identity: Self.identity)
            #expect(other.digest != key.digest, "changing \(name) must miss")
            digests.insert(other.digest)
        }
        let moved = CachedGeneration.key(for: Self.base, identity: .object(["base_url": .string("http://localhost:8088/v1")]))
        #expect(moved.digest != key.digest)
        digests.insert(moved.digest)
        #expect(digests.count == Self.variations.count + 2)
        // The purpose (which component asked) is accounting only, not part of the key.
        var other = Self.base
        other.purpose = "elsewhere"
        #expect(CachedGeneration.key(for: other, identity: Self.identity).digest == key.digest)
    }

    @Test func theAPIKeyIsNeverInTheCache() async throws {
        let server = try await FakeServer(plan: "200")
        let dir = try scratchDirectory()
        let store = try CacheStore(path: dir + "/cache.sqlite")
        let config = BackendConfig(name: "local", baseURL: server.baseURL, apiKeyEnv: "SECRET_VAR")
        let generation = try CachedGeneration(backends: [config], store: store, environment: ["SECRET_VAR": "sk-very-secret"])
        _ = try await generation.generate(Self.base)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/cache.sqlite"))
        let wal = (try? Data(contentsOf: URL(fileURLWithPath: dir + "/cache.sqlite-wal"))) ?? Data()
        #expect(bytes.range(of: Data("sk-very-secret".utf8)) == nil)
        #expect(wal.range(of: Data("sk-very-secret".utf8)) == nil)
        #expect(wal.range(of: Data("Hi".utf8)) != nil || bytes.range(of: Data("Hi".utf8)) != nil)
    }

    @Test func aFailedCallIsNotCachedAndASuccessIs() async throws {
        let server = try await FakeServer(plan: "500,500,200")
        let dir = try scratchDirectory()
        let store = try CacheStore(path: dir + "/cache.sqlite")
        let config = BackendConfig(name: "local", baseURL: server.baseURL, retries: 1, backoff: 0.01)
        let generation = try CachedGeneration(backends: [config], store: store)
        await #expect(throws: BackendError.self) { _ = try await generation.generate(Self.base) }
        let key = try generation.key(for: Self.base)
        #expect(try store.values(for: [key]).isEmpty)
        let result = try await generation.generate(Self.base)   // third answer: 200
        #expect(result.text == "1. A is better")
        #expect(try store.values(for: [key]).count == 1)
        _ = try await generation.generate(Self.base)            // from the cache: no fourth request
        #expect(try server.stats()["requests"] as? Int == 3)
        let usage = await generation.usage(prices: ["local": ["smollm2": BackendSpec.Price(prompt: 1_000_000, completion: 2_000_000)]])
        #expect(usage.count == 1)
        #expect(usage.first?.calls == 1)
        #expect(usage.first?.cachedCalls == 1)
        #expect(abs((usage.first?.cost ?? 0) - 13) < 1e-9)   // 7 prompt tokens at 1 USD + 3 completion tokens at 2 USD
    }
}

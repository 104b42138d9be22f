import BlendBackends
import BlendCore
import BlendStore
import Foundation

/// The run's `TextGeneration`: every call goes through the SQLite cache first (stage `llm`),
/// and a live answer is stored the moment it arrives, so an interrupted run loses no finished
/// call. A failed call throws and is never stored. The cache key is the canonical JSON of the
/// backend's base URL, the model, every sampling parameter, the full prompt or messages and the
/// sample index; never the API key.
public final class CachedGeneration: TextGeneration {
    let backends: [String: OpenAIBackend]
    let identities: [String: JSONValue]
    let store: CacheStore
    let ledger = UsageLedger()

    public convenience init(backends: [BackendConfig], store: CacheStore, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.init(clients: try Self.clients(backends, environment: environment), store: store)
    }

    /// Over clients shared with the run's `CachedEmbeddings` (one concurrency limit per backend).
    public init(clients: [String: OpenAIBackend], store: CacheStore) {
        backends = clients
        identities = clients.mapValues { $0.config.identity }
        self.store = store
    }

    /// One client per backend, by name.
    public static func clients(_ backends: [BackendConfig], environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [String: OpenAIBackend] {
        var clients: [String: OpenAIBackend] = [:]
        for config in backends { clients[config.name] = try OpenAIBackend(config: config, environment: environment) }
        return clients
    }

    /// The cache key of `request`.
    public func key(for request: GenerationRequest) throws -> CacheKey {
        guard let identity = identities[request.backend] else {
            throw BackendError.unknownBackend(request.backend, known: identities.keys.sorted())
        }
        return Self.key(for: request, identity: identity)
    }

    public static func key(for request: GenerationRequest, identity: JSONValue) -> CacheKey {
        CacheKey(stage: "llm", component: request.backend,
                 fields: .object(["backend": identity, "request": request.keyFields]))
    }

    public func generate(_ request: GenerationRequest) async throws -> GenerationResult {
        let key = try key(for: request)
        if let data = try store.values(for: [key])[key.digest],
           let cached = try? JSONDecoder().decode(GenerationResult.self, from: data) {
            await ledger.record(request, result: cached, cached: true, key: key)
            return cached
        }
        guard let backend = backends[request.backend] else {
            throw BackendError.unknownBackend(request.backend, known: backends.keys.sorted())
        }
        let result = try await backend.send(request)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try store.store([(key, try encoder.encode(result))])
        await ledger.record(request, result: result, cached: false, key: key)
        return result
    }

    /// Cache-key fields identifying the named backends (their addresses), for stage keys.
    public func identity(of names: [String]) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: names.map { ($0, identities[$0] ?? .null) }))
    }

    public func usage(prices: [String: [String: BackendSpec.Price]]) async -> [UsageRecord] { await ledger.summary(prices: prices) }
    public func llmStage() async -> (hits: Int, misses: [CacheKey]) { (await ledger.hits, await ledger.misses) }
}

import BlendBackends
import BlendCore
import BlendStore
import Foundation

/// The run's `EmbeddingService`: every vector goes through the SQLite cache first (stage
/// `embed`, one entry per text, stored as little-endian float32). The key is the canonical JSON
/// of the backend's base URL, the model, the dimensions asked for and the input text; never the
/// API key. The texts a call has not seen go to the backend in batches of `batch` inputs, each
/// batch stored the moment it arrives, so an interrupted run repeats none of the finished
/// batches; batches share the backend's concurrency limit with its generation calls (the same
/// `OpenAIBackend`). A failed call throws and stores nothing.
public final class CachedEmbeddings: EmbeddingService {
    let backends: [String: OpenAIBackend]
    let identities: [String: JSONValue]
    let store: CacheStore
    /// Inputs per request, by backend (default 32).
    let batches: [String: Int]
    let ledger = EmbeddingLedger()

    public init(backends: [String: OpenAIBackend], store: CacheStore, batches: [String: Int] = [:]) {
        self.backends = backends
        identities = backends.mapValues { $0.config.identity }
        self.store = store
        self.batches = batches
    }

    public static func key(backend: String, identity: JSONValue, model: String, dimensions: Int?, text: String) -> CacheKey {
        CacheKey(stage: "embed", component: backend,
                 fields: .object(["backend": identity, "model": .string(model), "dimensions": dimensions.map(JSONValue.int) ?? .null,
                                  "input": .string(text)]))
    }

    public func embeddings(backend: String, model: String, dimensions: Int?, texts: [String]) async throws -> [[Float]] {
        guard let client = backends[backend], let identity = identities[backend] else {
            throw BackendError.unknownBackend(backend, known: backends.keys.sorted())
        }
        let keys = texts.map { Self.key(backend: backend, identity: identity, model: model, dimensions: dimensions, text: $0) }
        let stored = try store.values(for: keys)
        var out = [[Float]?](repeating: nil, count: texts.count)
        var missing: [Int] = []
        for (i, key) in keys.enumerated() {
            if let data = stored[key.digest], let v = Self.vector(data) { out[i] = v } else { missing.append(i) }
        }
        await ledger.record(hits: texts.count - missing.count, misses: [])
        // A text that occurs twice in one call is sent once.
        var firstOf: [String: Int] = [:]
        var unique: [Int] = []
        for i in missing where firstOf[keys[i].digest] == nil {
            firstOf[keys[i].digest] = i
            unique.append(i)
        }
        let batch = max(1, batches[backend] ?? 32)
        for start in stride(from: 0, to: unique.count, by: batch) {
            let chunk = Array(unique[start..<min(start + batch, unique.count)])
            let vectors = try await client.embed(model: model, inputs: chunk.map { texts[$0] }, dimensions: dimensions)
            try store.store(zip(chunk, vectors).map { (keys[$0], Self.data($1)) })
            for (i, v) in zip(chunk, vectors) { out[i] = v }
            await ledger.record(hits: 0, misses: chunk.map { keys[$0] })
        }
        for i in missing where out[i] == nil { out[i] = out[firstOf[keys[i].digest]!] }
        return out.map { $0! }
    }

    static func data(_ v: [Float]) -> Data {
        var bytes = Data(capacity: v.count * 4)
        for x in v { withUnsafeBytes(of: x.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        return bytes
    }

    /// The stored vector, or nil for an entry that is not a whole number of float32s.
    static func vector(_ data: Data) -> [Float]? {
        guard data.count % 4 == 0, !data.isEmpty else { return nil }
        return stride(from: 0, to: data.count, by: 4).map { i in
            Float(bitPattern: data.subdata(in: i..<(i + 4)).withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) })
        }
    }

    /// The `embed` stage's hits and misses (texts found in and added to the cache).
    public func embedStage() async -> (hits: Int, misses: [CacheKey]) { (await ledger.hits, await ledger.misses) }
}

/// The counts behind the `embed` stage of a run's provenance.
actor EmbeddingLedger {
    private(set) var hits = 0
    private(set) var misses: [CacheKey] = []

    func record(hits: Int, misses: [CacheKey]) {
        self.hits += hits
        self.misses += misses
    }
}

import BlendCore
import BlendStore
import Foundation

/// `ValueCache` on the SQLite store, for values components compute themselves (metrics).
/// Each miss is stored at once, in its own transaction.
struct StoreValueCache: ValueCache {
    let store: CacheStore

    func value<V: Codable & Sendable>(stage: String, component: String, fields: JSONValue,
                                      compute: @Sendable () async throws -> V) async throws -> V {
        let key = CacheKey(stage: stage, component: component, fields: fields)
        if let data = try store.values(for: [key])[key.digest], let value = try? JSONDecoder().decode(V.self, from: data) {
            return value
        }
        let value = try await compute()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try store.store([(key, try encoder.encode(value))])
        return value
    }

    /// One query for all keys, one transaction for the computed misses.
    func values<V: Codable & Sendable>(stage: String, component: String, fields: [JSONValue],
                                       compute: @Sendable ([Int]) async throws -> [V]) async throws -> [V] {
        let keys = fields.map { CacheKey(stage: stage, component: component, fields: $0) }
        let cached = try store.values(for: keys)
        let decoder = JSONDecoder()
        var out = keys.map { key in cached[key.digest].flatMap { try? decoder.decode(V.self, from: $0) } }
        let missing = out.indices.filter { out[$0] == nil }
        guard !missing.isEmpty else { return out.map { $0! } }
        let computed = try await compute(missing)
        guard computed.count == missing.count else {
            throw RunnerError.componentFailed(component: component, example: "?", reason: "\(computed.count) values for \(missing.count) keys")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try store.store(try zip(missing, computed).map { (keys[$0], try encoder.encode($1)) })
        for (i, v) in zip(missing, computed) { out[i] = v }
        return out.map { $0! }
    }
}

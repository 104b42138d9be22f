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
}

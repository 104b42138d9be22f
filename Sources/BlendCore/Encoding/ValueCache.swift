/// A key-value cache for component results (the runner backs it with the SQLite store). The
/// key is `stage` plus the canonical JSON of `fields`; `compute` runs only on a miss.
public protocol ValueCache: Sendable {
    func value<V: Codable & Sendable>(stage: String, component: String, fields: JSONValue,
                                      compute: @Sendable () async throws -> V) async throws -> V

    /// The values of several keys at once: `compute` gets the indices (into `fields`) of the
    /// misses and returns their values in that order, so misses can be computed as one batch.
    func values<V: Codable & Sendable>(stage: String, component: String, fields: [JSONValue],
                                       compute: @Sendable ([Int]) async throws -> [V]) async throws -> [V]
}

extension ValueCache {
    /// One `value` call per key (a cache with no batch lookup).
    public func values<V: Codable & Sendable>(stage: String, component: String, fields: [JSONValue],
                                              compute: @Sendable ([Int]) async throws -> [V]) async throws -> [V] {
        var out: [V] = []
        for (i, f) in fields.enumerated() {
            out.append(try await value(stage: stage, component: component, fields: f) { try await compute([i])[0] })
        }
        return out
    }
}

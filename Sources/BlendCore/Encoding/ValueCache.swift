/// A key-value cache for component results (the runner backs it with the SQLite store). The
/// key is `stage` plus the canonical JSON of `fields`; `compute` runs only on a miss.
public protocol ValueCache: Sendable {
    func value<V: Codable & Sendable>(stage: String, component: String, fields: JSONValue,
                                      compute: @Sendable () async throws -> V) async throws -> V
}

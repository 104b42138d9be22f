import BlendCore

/// The token states a run has computed, per (encoder identity, layer, text), so that every
/// consumer of one text's states in the run shares one encoding: BERTScore encodes an example's
/// reference once, not once per candidate, and the metric-oracle ranker and the BERTScore
/// column share the candidates'. Concurrent requests for the same text wait on one computation.
/// Entries are dropped oldest first beyond `capacity` bytes of vectors (a run needs only its
/// examples in flight; the values made from the states are what the cache keeps across runs).
actor TokenStateMemo {
    struct Key: Hashable {
        var encoder: String
        var layer: Int
        var text: String
    }

    private var entries: [Key: Task<TokenEmbeddings, any Error>] = [:]
    private var order: [Key] = []
    private var sizes: [Key: Int] = [:]
    private var bytes = 0
    let capacity: Int

    init(capacity: Int = 256 << 20) { self.capacity = capacity }

    /// The states of each text, encoding the ones not in the memo in one call of `encode`.
    func states(_ texts: [String], encoder: String, layer: Int,
                encode: @escaping @Sendable ([String]) async throws -> [TokenEmbeddings]) async throws -> [TokenEmbeddings] {
        let keys = texts.map { Key(encoder: encoder, layer: layer, text: $0) }
        var missing: [String] = [], seen: Set<Key> = []
        for key in keys where entries[key] == nil && seen.insert(key).inserted { missing.append(key.text) }
        if !missing.isEmpty {
            let batch = Task { try await encode(missing) }
            for (i, text) in missing.enumerated() {
                let key = Key(encoder: encoder, layer: layer, text: text)
                entries[key] = Task { try await batch.value[i] }
                order.append(key)
            }
        }
        let tasks = keys.map { entries[$0]! }
        var out: [TokenEmbeddings] = []
        do {
            for task in tasks { out.append(try await task.value) }
        } catch {
            for key in keys where entries[key] != nil && sizes[key] == nil { entries[key] = nil }
            throw error
        }
        for (key, states) in zip(keys, out) where sizes[key] == nil && entries[key] != nil {
            sizes[key] = states.vectors.count * 4
            bytes += states.vectors.count * 4
        }
        evict()
        return out
    }

    /// Drops finished entries, oldest first, until the vectors fit `capacity`.
    private func evict() {
        var kept: [Key] = [], next = 0
        while bytes > capacity, next < order.count {
            let key = order[next]
            next += 1
            if let size = sizes[key] {
                bytes -= size
                sizes[key] = nil
                entries[key] = nil
            } else if entries[key] != nil {
                kept.append(key)  // still being computed
            }
        }
        if next > 0 { order = kept + order[next...] }
    }
}

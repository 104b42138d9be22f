import BlendCore
import BlendStore

/// Counts every backend call of a run (live or from the cache) per component, backend and
/// model, and remembers the cache keys that missed, for `cache explain`.
actor UsageLedger {
    private var records: [String: UsageRecord] = [:]
    private(set) var misses: [CacheKey] = []
    private(set) var hits = 0

    func record(_ request: GenerationRequest, result: GenerationResult, cached: Bool, key: CacheKey) {
        let id = request.purpose + "\u{1}" + request.backend + "\u{1}" + request.model
        var r = records[id] ?? UsageRecord(component: request.purpose, backend: request.backend, model: request.model)
        if cached {
            r.cachedCalls += 1
            r.cachedPromptTokens += result.usage.promptTokens
            r.cachedCompletionTokens += result.usage.completionTokens
            hits += 1
        } else {
            r.calls += 1
            r.promptTokens += result.usage.promptTokens
            r.completionTokens += result.usage.completionTokens
            r.seconds += result.seconds
            misses.append(key)
        }
        records[id] = r
    }

    /// The records sorted by component, backend and model, priced with `prices` (USD per
    /// million tokens, by backend then model).
    func summary(prices: [String: [String: BackendSpec.Price]]) -> [UsageRecord] {
        records.values.map { r in
            var r = r
            if let p = prices[r.backend]?[r.model] {
                r.cost = (Double(r.promptTokens) * p.prompt + Double(r.completionTokens) * p.completion) / 1_000_000
            }
            return r
        }.sorted { ($0.component, $0.backend, $0.model) < ($1.component, $1.backend, $1.model) }
    }
}

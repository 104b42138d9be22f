import BlendCore
import BlendStore
import Foundation

extension Runner {
    /// The rows of pairwise rankers: one per (comparator, aggregation rule), the experiment's
    /// `aggregation:` list or max-logits (the paper's default) when it is empty. A pointwise
    /// ranker has one row and no rule.
    static func rules(for ranker: RankerComponent, _ specs: [ComponentSpec]) throws -> [(any AggregationRule)?] {
        guard case .pairwise = ranker else { return [nil] }
        if specs.isEmpty { return [MaxLogitsRule()] }
        return try specs.map { try Catalog.make(Catalog.aggregationRules, kind: "aggregation rule", id: $0.id, params: $0.params) }
    }

    /// The compare stage for every pairwise ranker: stored comparisons, each rule's selection
    /// (its ranking's first candidate) and diagnostics from its scores.
    func comparePairwise(_ methods: [Method], examples: [Example], context: ComponentContext, store: CacheStore,
                         runID: Int64) async throws -> (selections: [String: [Int]], diagnostics: [String: RankerDiagnostics], record: StageRecord?) {
        let start = Date()
        var selections: [String: [Int]] = [:]
        var diagnostics: [String: RankerDiagnostics] = [:]
        var hits = 0
        var misses: [CacheKey] = []
        var order: [String] = []
        var groups: [String: [Method]] = [:]
        for m in methods {
            guard case .pairwise(let comparator)? = m.ranker else { continue }
            let k = comparator.identity.canonical
            if groups[k] == nil { order.append(k) }
            groups[k, default: []].append(m)
        }
        for k in order {
            guard let group = groups[k], case .pairwise(let comparator)? = group.first?.ranker else { continue }
            let rules = group.compactMap(\.rule)
            let outcome = try await CompareStage.run(comparator, rules: rules, examples: examples, context: context, store: store)
            for (m, results) in zip(group, outcome.results) {
                selections[m.info.key] = results.map { $0.ranking.first ?? 0 }
                diagnostics[m.info.key] = RankerDiagnostics(zip(examples, results).map {
                    RankerDiagnostics.Observation(models: $0.candidates.map(\.model), scores: $1.scores, oracleRanks: $0.oracleRanks)
                })
            }
            hits += outcome.hits
            misses += outcome.misses
        }
        guard hits + misses.count > 0 else { return (selections, diagnostics, nil) }
        try store.recordStage(run: runID, stage: "compare", hits: hits, misses: misses)
        return (selections, diagnostics,
                StageRecord(stage: "compare", seconds: Date().timeIntervalSince(start), hits: hits, misses: misses.count))
    }
}

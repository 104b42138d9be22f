import BlendCore
import BlendStore
import Foundation

extension Runner {
    /// The rows of pairwise rankers: one per (comparator, aggregation rule), the experiment's
    /// `aggregation:` list or max-logits (the paper's default) when it is empty. A pointwise
    /// ranker has one row and no rule.
    static func rules(for ranker: RankerComponent, _ specs: [RuleSpec]) -> [(any AggregationRule)?] {
        guard case .pairwise = ranker else { return [nil] }
        if specs.isEmpty { return [MaxLogitsRule()] }
        return specs.map(\.made)
    }

    /// What the compare stage gives the rest of the run, by method key.
    struct PairwiseOutcome {
        /// Each row's full ranking per example (best first), as pointwise rankers' orders, so
        /// fusers and top-K views read pairwise rows too.
        var orders: [String: [[Int]]] = [:]
        /// The first of each ranking: the row's selection.
        var selections: [String: [Int]] = [:]
        var diagnostics: [String: RankerDiagnostics] = [:]
        /// Mean comparisons per example each row's rule read (the efficiency table's x axis).
        var comparisons: [String: Double] = [:]
        var record: StageRecord?
        /// Per comparator: what the compare stage found stored and what it computed.
        var lines: [Plan.Line] = []

        /// Writes `comparisons` into each pairwise row's component identity, where the efficiency
        /// table reads it: `{"ranker": ..., "aggregation": ..., "comparisons": 182}`.
        func annotate(_ methods: inout [Method]) {
            for i in methods.indices {
                guard let c = comparisons[methods[i].info.key], case .object(var o)? = methods[i].info.component else { continue }
                o["comparisons"] = c == c.rounded() ? .int(Int(c)) : .double(c)
                methods[i].info.component = .object(o)
                methods[i].info.comparisons = c
            }
        }
    }

    /// The rows of pairwise rankers grouped by comparator identity, in first-row order: each
    /// group is compared once and aggregated by every rule of its rows.
    func pairwiseGroups(_ methods: [Method]) -> [[Method]] {
        var order: [String] = []
        var groups: [String: [Method]] = [:]
        for m in methods {
            guard case .pairwise(let comparator)? = m.ranker else { continue }
            let k = comparator.identity.canonical
            if groups[k] == nil { order.append(k) }
            groups[k, default: []].append(m)
        }
        return order.compactMap { groups[$0] }
    }

    /// The compare stage for every pairwise ranker: stored comparisons, each rule's ranking,
    /// selection (its first candidate), comparisons read, and diagnostics from its scores.
    func comparePairwise(_ methods: [Method], examples: [Example], keys: KeyContext, context: ComponentContext, store: CacheStore,
                         runID: Int64) async throws -> PairwiseOutcome {
        let start = Date()
        var result = PairwiseOutcome()
        var hits = 0
        var misses: [CacheKey] = []
        for group in pairwiseGroups(methods) {
            guard case .pairwise(let comparator)? = group.first?.ranker else { continue }
            let rules = group.compactMap(\.rule)
            let outcome = try await CompareStage.run(comparator, rules: rules, examples: examples, keys: keys, context: context,
                                                     store: store, quiet: options.quiet)
            result.lines.append(Plan.Line(stage: "compare", component: comparator.displayName, total: outcome.hits + outcome.misses.count,
                                          cached: outcome.hits, exact: rules.contains { type(of: $0).readsEveryPair }))
            for ((m, results), counts) in zip(zip(group, outcome.results), outcome.comparisons) {
                result.orders[m.info.key] = results.map(\.ranking)
                result.selections[m.info.key] = results.map { $0.ranking.first ?? 0 }
                if !counts.isEmpty { result.comparisons[m.info.key] = Double(counts.reduce(0, +)) / Double(counts.count) }
                result.diagnostics[m.info.key] = RankerDiagnostics(zip(examples, results).map {
                    RankerDiagnostics.Observation(models: $0.candidates.map(\.model), scores: $1.scores, oracleRanks: $0.oracleRanks)
                })
            }
            hits += outcome.hits
            misses += outcome.misses
        }
        guard hits + misses.count > 0 else { return result }
        try store.recordStage(run: runID, stage: "compare", hits: hits, misses: misses)
        result.record = StageRecord(stage: "compare", seconds: Date().timeIntervalSince(start), hits: hits, misses: misses.count)
        return result
    }
}

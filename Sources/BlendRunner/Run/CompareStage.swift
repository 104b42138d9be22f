import BlendCore
import BlendStore
import Foundation

/// The compare stage for one pairwise comparator: per example, a `LazyComparisonMatrix` whose
/// misses call the comparator and whose entries are stored in the SQLite cache under
/// (stage `compare`, comparator identity + example key fields + seed if seeded, ordered pair).
/// Every aggregation rule of the experiment runs over the same matrix, so rules share stored
/// comparisons and a rerun computes nothing.
enum CompareStage {
    struct Outcome {
        /// Per rule (in the given order), per example: the rule's result.
        var results: [[AggregationResult]]
        var hits: Int
        var misses: [CacheKey]
    }

    /// The key of one ordered pair; `fields` is the comparator's `cacheFields` for the example,
    /// computed once per example (it hashes the example's texts).
    static func key(_ comparator: any PairwiseComparator, fields: JSONValue, _ i: Int, _ j: Int) -> CacheKey {
        CacheKey(stage: "compare", component: type(of: comparator).id,
                 fields: .object(["comparator": fields, "pair": .array([.int(i), .int(j)])]))
    }

    static func run(_ comparator: any PairwiseComparator, rules: [any AggregationRule], examples: [Example],
                    context: ComponentContext, store: CacheStore) async throws -> Outcome {
        // Examples are independent: `context.concurrency` of them at a time, each storing its new
        // comparisons as soon as its rules are done; results come back in example order.
        let perExample = try await concurrentMap(examples, width: context.concurrency) { example in
            try await compare(example, comparator, rules: rules, context: context, store: store)
        }
        var results = Array(repeating: [AggregationResult](), count: rules.count)
        var hits = 0
        var misses: [CacheKey] = []
        for outcome in perExample {
            for r in rules.indices { results[r].append(outcome.results[r]) }
            hits += outcome.hits
            misses += outcome.misses
        }
        return Outcome(results: results, hits: hits, misses: misses)
    }

    /// One example: read its stored comparisons, run every rule over the lazy matrix, store the
    /// comparisons it had to compute.
    static func compare(_ example: Example, _ comparator: any PairwiseComparator, rules: [any AggregationRule],
                        context: ComponentContext, store: CacheStore) async throws -> (results: [AggregationResult], hits: Int, misses: [CacheKey]) {
        let decoder = JSONDecoder()
        let encoder = JSONEncoder()
        let n = example.candidates.count
        var keys: [[CacheKey?]] = Array(repeating: Array(repeating: nil, count: n), count: n)
        var all: [CacheKey] = []
        let fields = comparator.cacheFields(for: example, seed: context.seed)
        for i in 0..<n { for j in 0..<n where i != j { let k = key(comparator, fields: fields, i, j); keys[i][j] = k; all.append(k) } }
        let stored = try store.values(for: all)
        var cached: [[Double?]] = Array(repeating: Array(repeating: nil, count: n), count: n)
        for i in 0..<n {
            for j in 0..<n where i != j {
                if let digest = keys[i][j]?.digest, let data = stored[digest] { cached[i][j] = try? decoder.decode(Double.self, from: data) }
            }
        }
        let known = cached
        let lazy = LazyComparisonMatrix(count: n) { i, j in
            if let value = known[i][j] { return value }
            return try await comparator.logit(example, i, j, context: context)
        }
        var results: [AggregationResult] = []
        for rule in rules {
            let result = try await rule.aggregate(lazy, seed: context.seed, purpose: example.id.rawValue)
            guard result.ranking.sorted() == Array(0..<n) else {
                throw RunnerError.componentFailed(component: rule.displayName, example: example.id.rawValue,
                                                  reason: "returned a ranking that is not a permutation of the \(n) candidates")
            }
            results.append(result)
        }
        let filled = await lazy.matrix
        var fresh: [(key: CacheKey, value: Data)] = []
        var hits = 0
        var misses: [CacheKey] = []
        for i in 0..<n {
            for j in 0..<n where i != j {
                guard let value = filled[i, j], let k = keys[i][j] else { continue }
                if known[i][j] != nil { hits += 1 } else { fresh.append((k, try encoder.encode(value))); misses.append(k) }
            }
        }
        try store.store(fresh)
        return (results, hits, misses)
    }
}

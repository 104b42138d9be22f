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
        /// Per rule, per example: the distinct ordered entries the rule read (its comparisons,
        /// counted as if it ran alone, though rules share the matrix).
        var comparisons: [[Int]]
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
        var comparisons = Array(repeating: [Int](), count: rules.count)
        var hits = 0
        var misses: [CacheKey] = []
        for outcome in perExample {
            for r in rules.indices { results[r].append(outcome.results[r]); comparisons[r].append(outcome.comparisons[r]) }
            hits += outcome.hits
            misses += outcome.misses
        }
        return Outcome(results: results, comparisons: comparisons, hits: hits, misses: misses)
    }

    /// One example: read its stored comparisons, run every rule over the lazy matrix, store the
    /// comparisons it had to compute.
    static func compare(_ example: Example, _ comparator: any PairwiseComparator, rules: [any AggregationRule],
                        context: ComponentContext, store: CacheStore)
        async throws -> (results: [AggregationResult], comparisons: [Int], hits: Int, misses: [CacheKey]) {
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
        var comparisons: [Int] = []
        for rule in rules {
            let counted = CountingSource(lazy)
            let result = try await rule.aggregate(counted, seed: context.seed, purpose: example.id.rawValue)
            comparisons.append(await counted.distinct)
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
        return (results, comparisons, hits, misses)
    }
}

/// A source that passes requests on and remembers which ordered entries were asked for.
actor CountingSource: ComparisonSource {
    nonisolated let count: Int
    private let base: any ComparisonSource
    private var asked: Set<Int> = []

    init(_ base: any ComparisonSource) {
        self.base = base
        self.count = base.count
    }

    func logit(_ i: Int, _ j: Int) async throws -> Double? {
        if i != j, (0..<count).contains(i), (0..<count).contains(j) { asked.insert(i * count + j) }
        return try await base.logit(i, j)
    }

    /// The distinct off-diagonal entries asked for so far.
    var distinct: Int { asked.count }
}

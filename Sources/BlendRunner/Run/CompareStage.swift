import BlendCore
import BlendStore
import Foundation
import Synchronization

/// The compare stage for pairwise comparators: per example, a `LazyComparisonMatrix` whose
/// entries are stored in the SQLite cache under (stage `compare`, comparator cache fields from
/// the key context + the ordered pair). Every aggregation rule of the experiment runs over the
/// same matrix, so rules share stored comparisons and a rerun computes nothing.
///
/// When a rule of the group reads every pair (`AggregationRule.readsEveryPair`: max-logits and
/// the other full-matrix rules), the stage first computes every missing ordered pair as one
/// cached stage (with progress and ETA, `concurrency` at a time; per example the upper triangle
/// before the lower, so a comparator that serves both orders from one pass finds it stored),
/// then runs the rules over the complete matrix: `keys(_:)` is then exactly the pairs the run
/// needs (an example whose complete matrix is stored, `StoredMatrix`, is read as that one entry,
/// which stands for its pairs). When no rule reads every pair (bubble alone), entries are
/// computed lazily, as the rules ask.
struct CompareStage: Stage {
    var comparators: [any PairwiseComparator]
    var examples: [Example]

    struct Outcome {
        /// Per rule (in the given order), per example: the rule's result.
        var results: [[AggregationResult]]
        /// Per rule, per example: the distinct ordered entries the rule read (its comparisons,
        /// counted as if it ran alone, though rules share the matrix).
        var comparisons: [[Int]]
        var hits: Int
        var misses: [CacheKey]
    }

    func keys(_ context: KeyContext) -> [StageKeys] {
        comparators.map { c in
            StageKeys(stage: "compare", component: c.displayName,
                      keys: examples.flatMap { e in
                          let fields = Shared(context.fields(c, for: e))   // once per example: it hashes the example's texts
                          return Self.pairs(e.candidates.count).map { Self.key(c, fields: fields, $0.0, $0.1) }
                      })
        }
    }

    /// Every ordered pair of n candidates: the upper triangle (i < j), then the lower.
    static func pairs(_ n: Int) -> [(Int, Int)] {
        var upper: [(Int, Int)] = [], lower: [(Int, Int)] = []
        for i in 0..<n { for j in 0..<n where i != j { if i < j { upper.append((i, j)) } else { lower.append((i, j)) } } }
        return upper + lower
    }

    /// The comparator's key-context fields for one example, with the start of its pairs' hashed
    /// keys (`{"comparator":` and these fields' canonical JSON), computed once per example: the
    /// fields hash the example's texts and are most of every pair's key.
    struct Shared {
        var fields: JSONValue
        var prefix: CacheKey.Prefix
        init(_ fields: JSONValue) {
            self.fields = fields
            prefix = CacheKey.Prefix(stage: "compare", canonicalHead: Array(#"{"comparator":"#.utf8) + fields.canonicalBytes)
        }
    }

    /// The key of one ordered pair: fields `{"comparator": shared, "pair": [i, j]}`, whose
    /// canonical JSON (keys sorted) continues the shared prefix with `,"pair":[i,j]}`.
    static func key(_ comparator: any PairwiseComparator, fields shared: Shared, _ i: Int, _ j: Int) -> CacheKey {
        CacheKey(component: type(of: comparator).id, fields: .object(["comparator": shared.fields, "pair": .array([.int(i), .int(j)])]),
                 prefix: shared.prefix, canonicalTail: Array(#","pair":[\#(i),\#(j)]}"#.utf8))
    }

    /// The key of an example's full matrix (stage `compare-matrix`): the same shared fields as
    /// its pairs' keys, with the candidate count in place of a pair.
    static func matrixKey(_ comparator: any PairwiseComparator, fields shared: Shared, count n: Int) -> CacheKey {
        CacheKey(stage: "compare-matrix", component: type(of: comparator).id, fields: .object(["comparator": shared.fields, "matrix": .int(n)]))
    }

    /// Compares with `comparator` and aggregates with every rule.
    static func run(_ comparator: any PairwiseComparator, rules: [any AggregationRule], examples: [Example],
                    keys: KeyContext, context: ComponentContext, store: CacheStore, quiet: Bool) async throws -> Outcome {
        var complete: [[[Double?]]]? = nil
        var hits = 0
        var misses: [CacheKey] = []
        if rules.contains(where: { type(of: $0).readsEveryPair }) {
            // An example whose full matrix is stored is read in one entry; the others' pairs
            // go through the cached stage, and their matrices are stored once complete.
            let shared = examples.map { Shared(keys.fields(comparator, for: $0)) }
            var matrices = try StoredMatrix.read(comparator, shared: shared, examples: examples, store: store)
            let open = examples.indices.filter { matrices[$0] == nil }
            let index = open.flatMap { e in pairs(examples[e].candidates.count).map { (e, $0.0, $0.1) } }
            let known = examples.indices.reduce(0) { $0 + (matrices[$1] == nil ? 0 : examples[$1].candidates.count * (examples[$1].candidates.count - 1)) }
            let outcome = try await CachedStage.run(label: "compare \(comparator.displayName)", keys: index.map { key(comparator, fields: shared[$0.0], $0.1, $0.2) },
                                                    store: store, concurrency: context.concurrency, quiet: quiet, alreadyCached: known) { k in
                let (e, i, j) = index[k]
                return try await comparator.logit(examples[e], i, j, context: context)
            }
            for e in open { let n = examples[e].candidates.count; matrices[e] = Array(repeating: Array(repeating: nil, count: n), count: n) }
            for (k, value) in outcome.values.enumerated() { let (e, i, j) = index[k]; matrices[e]?[i][j] = value }
            try StoredMatrix.write(comparator, shared: shared, examples: open, matrices: matrices, store: store)
            complete = matrices.map { $0 ?? [] }
            hits = known + outcome.hits
            misses = outcome.misses
        }
        // Examples are independent: `context.concurrency` of them at a time, each storing its new
        // comparisons as soon as its rules are done; results come back in example order.
        let known = complete
        let perExample = try await concurrentMap(Array(examples.indices), width: context.concurrency) { e in
            try await compare(examples[e], comparator, rules: rules, known: known?[e], keys: keys, context: context, store: store)
        }
        var results = Array(repeating: [AggregationResult](), count: rules.count)
        var comparisons = Array(repeating: [Int](), count: rules.count)
        for outcome in perExample {
            for r in rules.indices { results[r].append(outcome.results[r]); comparisons[r].append(outcome.comparisons[r]) }
            hits += outcome.hits
            misses += outcome.misses
        }
        return Outcome(results: results, comparisons: comparisons, hits: hits, misses: misses)
    }

    /// One example: run every rule over the matrix (`complete` when the stage filled it; else
    /// the stored comparisons, computing and storing what the rules ask for beyond them).
    static func compare(_ example: Example, _ comparator: any PairwiseComparator, rules: [any AggregationRule], known complete: [[Double?]]?,
                        keys context: KeyContext, context componentContext: ComponentContext, store: CacheStore)
        async throws -> (results: [AggregationResult], comparisons: [Int], hits: Int, misses: [CacheKey]) {
        let n = example.candidates.count
        var keys: [[CacheKey?]] = Array(repeating: Array(repeating: nil, count: n), count: n)
        var cached: [[Double?]]
        if let complete {
            cached = complete
        } else {
            let decoder = JSONDecoder()
            var all: [CacheKey] = []
            let fields = Shared(context.fields(comparator, for: example))
            for (i, j) in pairs(n) { let k = key(comparator, fields: fields, i, j); keys[i][j] = k; all.append(k) }
            let stored = try store.values(for: all)
            cached = Array(repeating: Array(repeating: nil, count: n), count: n)
            for (i, j) in pairs(n) {
                if let digest = keys[i][j]?.digest, let data = stored[digest] { cached[i][j] = try? decoder.decode(Double.self, from: data) }
            }
        }
        let known = cached
        let lazy = LazyComparisonMatrix(count: n) { i, j in
            if let value = known[i][j] { return value }
            return try await comparator.logit(example, i, j, context: componentContext)
        }
        var results: [AggregationResult] = []
        var comparisons: [Int] = []
        for rule in rules {
            let result: AggregationResult
            if let complete {
                let source = KnownMatrixSource(complete)
                result = try await rule.aggregate(source, seed: componentContext.seed, purpose: example.id.rawValue)
                comparisons.append(source.distinct)
            } else {
                let counted = CountingSource(lazy)
                result = try await rule.aggregate(counted, seed: componentContext.seed, purpose: example.id.rawValue)
                comparisons.append(await counted.distinct)
            }
            guard result.ranking.sorted() == Array(0..<n) else {
                throw RunnerError.componentFailed(component: rule.displayName, example: example.id.rawValue,
                                                  reason: "returned a ranking that is not a permutation of the \(n) candidates")
            }
            results.append(result)
        }
        guard complete == nil else { return (results, comparisons, 0, []) }
        let filled = await lazy.matrix
        let encoder = JSONEncoder()
        var fresh: [(key: CacheKey, value: Data)] = []
        var hits = 0
        var misses: [CacheKey] = []
        for (i, j) in pairs(n) {
            guard let value = filled[i, j], let k = keys[i][j] else { continue }
            if known[i][j] != nil { hits += 1 } else { fresh.append((k, try encoder.encode(value))); misses.append(k) }
        }
        try store.store(fresh)
        return (results, comparisons, hits, misses)
    }
}

/// A complete matrix as a rule's source, remembering which ordered entries the rule asked for,
/// as `CountingSource` over a filled `LazyComparisonMatrix` does, but without an actor: a rule
/// that reads every pair (max-logits, Bradley-Terry, Elo) asks n(n-1) times per example, and
/// those actor hops were about an eighth of a cached `aggregation` run's CPU.
final class KnownMatrixSource: ComparisonSource {
    let count: Int
    private let matrix: [[Double?]]
    private let asked: Mutex<[Bool]>

    init(_ matrix: [[Double?]]) {
        count = matrix.count
        self.matrix = matrix
        asked = Mutex(Array(repeating: false, count: matrix.count * matrix.count))
    }

    func logit(_ i: Int, _ j: Int) async throws -> Double? {
        guard i != j, (0..<count).contains(i), (0..<count).contains(j) else { return nil }
        asked.withLock { $0[i * count + j] = true }
        return matrix[i][j]
    }

    /// The distinct off-diagonal entries asked for so far.
    var distinct: Int { asked.withLock { $0.reduce(0) { $0 + ($1 ? 1 : 0) } } }
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

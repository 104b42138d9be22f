import BlendCore
import BlendStore
import Foundation

/// The configured LLM judge as the oracle (stage `judge`): its pairwise verdicts, cached per
/// example and set of pairs, become the example's `.pairwise` oracle (the paper's GPT-Rank).
enum JudgeStage {
    static func verdicts(_ judge: LLMJudgeRanker, examples: [Example], pairs: @escaping @Sendable (Example) -> [(Int, Int)],
                         label: String, keys keyContext: KeyContext, generation: CachedGeneration, context: ComponentContext, store: CacheStore,
                         concurrency: Int, quiet: Bool) async throws -> StageOutcome<[PairVerdict]> {
        let keys = examples.map { e -> CacheKey in
            var fields = keyContext.fields(judge, for: e)
            if case .object(var o) = fields {
                o["pairs"] = .array(pairs(e).map { .array([.int($0.0), .int($0.1)]) })
                fields = .object(o)
            }
            return CacheKey(stage: "judge", component: LLMJudgeRanker.id, fields: fields)
        }
        return try await CachedStage.run(label: label, keys: keys, store: store, concurrency: concurrency, quiet: quiet) { i in
            try await judge.verdicts(for: examples[i], pairs: pairs(examples[i]), context: context)
        }
    }

    /// Every example with the judge's verdicts on all its candidate pairs as its oracle.
    static func oracle(_ judge: LLMJudgeRanker, examples: [Example], keys: KeyContext, generation: CachedGeneration, context: ComponentContext,
                       store: CacheStore, concurrency: Int, quiet: Bool) async throws -> (examples: [Example], hits: Int, misses: [CacheKey]) {
        let outcome = try await verdicts(judge, examples: examples, pairs: { LLMJudgeRanker.allPairs($0.candidates.count) },
                                         label: "judge \(judge.displayName)", keys: keys, generation: generation, context: context,
                                         store: store, concurrency: concurrency, quiet: quiet)
        let judged = zip(examples, outcome.values).map { e, v in
            var e = e
            e.oracle = .pairwise(v)
            return e
        }
        return (judged, outcome.hits, outcome.misses)
    }
}

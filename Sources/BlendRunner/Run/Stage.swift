import BlendCore
import BlendStore

/// The cache keys one stage reads for one component, in the order the run reads them.
struct StageKeys: Sendable {
    var stage: String
    /// The component's name in tables (`pair-ranker(length)`).
    var component: String
    var keys: [CacheKey]
}

/// A cached stage of a run (train, rank, compare, generate): `keys(_:)` lists, per component,
/// every cache key the stage reads. `Runner.plan()` looks those keys up and `Runner.run()`
/// computes the misses of the same keys, so a plan predicts the run's hits and misses exactly.
protocol Stage {
    func keys(_ context: KeyContext) -> [StageKeys]
}

/// The rank stage: one cached score vector per (pointwise ranker, example).
struct RankStage: Stage {
    var rankers: [any PointwiseRanker]
    var examples: [Example]

    func keys(_ context: KeyContext) -> [StageKeys] {
        rankers.map { ranker in
            StageKeys(stage: "rank", component: ranker.displayName, keys: examples.map { example in
                CacheKey(stage: "rank", component: type(of: ranker).id, fields: context.fields(ranker, for: example))
            })
        }
    }
}

/// What a run reports for one stage and component: the keys it found and the ones it computed.
/// `plan()` predicts the same lines (see `Plan.Line`).
struct StageLedger: Sendable {
    var lines: [Plan.Line] = []

    mutating func note(_ stage: String, _ component: String, hits: Int, misses: Int) {
        lines.append(Plan.Line(stage: stage, component: component, total: hits + misses, cached: hits))
    }
}

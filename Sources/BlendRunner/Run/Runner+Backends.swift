import BlendCore
import BlendStore
import Foundation

/// The parts of a run that call language model backends: set-up, live candidates, the judge
/// as oracle, fusion, and usage accounting. Runner.swift calls these through small hooks.
struct LiveRun {
    var generation: CachedGeneration?
    var embeddings: CachedEmbeddings?
    var judge: LLMJudgeRanker?
    /// The run's key context (backend and encoder identities), set by the runner.
    var keys: KeyContext
    var stageHits: [String: Int] = [:]
    var stageMisses: [String: [CacheKey]] = [:]

    init(spec: ExperimentSpec, store: CacheStore) throws {
        keys = KeyContext(seed: spec.seed, reference: spec.dataset.reference, backends: spec.backends.mapValues(\.config.identity))
        if !spec.backends.isEmpty {
            let clients = try CachedGeneration.clients(spec.backends.keys.sorted().compactMap { spec.backends[$0]?.config })
            generation = CachedGeneration(clients: clients, store: store)
            embeddings = CachedEmbeddings(backends: clients, store: store, batches: spec.backends.mapValues(\.embeddingBatch))
        }
        if case .pointwise(let r)? = spec.judge?.made { judge = r as? LLMJudgeRanker }
    }

    /// Generated candidates (when `generate:` is set) and the judge's oracle (when `judge:` is).
    mutating func prepare(_ spec: ExperimentSpec, examples: [Example], candidates: [ModelName], context: ComponentContext,
                          store: CacheStore, quiet: Bool) async throws -> (examples: [Example], candidates: [ModelName]) {
        guard let generation else { return (examples, candidates) }
        var examples = examples, candidates = candidates
        if !spec.generate.isEmpty {
            let g = try await GenerateStage.run(spec.generate, examples: examples, keys: keys, generation: generation, context: context,
                                                store: store, concurrency: spec.concurrency, quiet: quiet)
            examples = g.examples
            candidates = g.candidates
            note("generate", g.hits, g.misses)
        }
        if let judge {
            let j = try await JudgeStage.oracle(judge, examples: examples, keys: keys, generation: generation, context: context, store: store,
                                                concurrency: spec.concurrency, quiet: quiet)
            examples = j.examples
            note("judge", j.hits, j.misses)
        }
        return (examples, candidates)
    }

    /// Blender rows: every ranker row x top-K x fuser.
    mutating func fuse(_ spec: ExperimentSpec, methods: [Runner.Method], selections: [String: [[Int]]], examples: [Example],
                       context: ComponentContext, store: CacheStore, quiet: Bool) async throws -> [Runner.Method] {
        guard let generation, !spec.fusers.isEmpty else { return [] }
        var rankers = methods.compactMap { m in selections[m.info.key].map { (info: m.info, order: $0) } }
        if !spec.fuseRankers.isEmpty {
            // `fuse_rankers:` names rows as `topk_views` does: a label, or an id with one row.
            let rows = methods.filter { $0.ranker != nil }
            let names = rows.map { (label: $0.info.label, id: $0.ranker?.id ?? "") }
            let keys = Set(spec.fuseRankers.compactMap { ExperimentSpec.resolve($0, rows: names).index.map { rows[$0].info.key } })
            rankers = rankers.filter { keys.contains($0.info.key) }
        }
        let outcome = try await FuseStage.run(fusers: spec.fusers, topK: spec.topK, rankers: rankers, examples: examples, judge: judge, keys: keys,
                                              generation: generation, context: context, store: store,
                                              concurrency: spec.concurrency, quiet: quiet)
        for (stage, hits) in outcome.hits { note(stage, hits, outcome.misses[stage] ?? []) }
        return outcome.methods
    }

    mutating func note(_ stage: String, _ hits: Int, _ misses: [CacheKey]) {
        stageHits[stage, default: 0] += hits
        stageMisses[stage, default: []] += misses
    }

    /// Records the backend stages' hits and misses (for `cache explain`) and returns usage.
    func finish(_ spec: ExperimentSpec, run: Int64, store: CacheStore) async throws -> (usage: [UsageRecord]?, records: [StageRecord]) {
        guard let generation else { return (nil, []) }
        var records: [StageRecord] = []
        for stage in stageHits.keys.sorted() {
            let misses = stageMisses[stage] ?? []
            try store.recordStage(run: run, stage: stage, hits: stageHits[stage] ?? 0, misses: misses)
            records.append(StageRecord(stage: stage, seconds: 0, hits: stageHits[stage] ?? 0, misses: misses.count))
        }
        let llm = await generation.llmStage()
        try store.recordStage(run: run, stage: "llm", hits: llm.hits, misses: llm.misses)
        records.append(StageRecord(stage: "llm", seconds: 0, hits: llm.hits, misses: llm.misses.count))
        if let embed = await embeddings?.embedStage(), embed.hits + embed.misses.count > 0 {
            try store.recordStage(run: run, stage: "embed", hits: embed.hits, misses: embed.misses)
            records.append(StageRecord(stage: "embed", seconds: 0, hits: embed.hits, misses: embed.misses.count))
        }
        let prices = spec.backends.mapValues(\.prices)
        return (await generation.usage(prices: prices), records)
    }
}

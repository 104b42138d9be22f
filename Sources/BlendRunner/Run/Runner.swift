import BlendCore
import BlendData
import BlendReport
import BlendStore
import Foundation

/// Where a run reads and writes.
public struct RunOptions: Sendable {
    public var cachePath: String
    public var resultsDirectory: String
    public var quiet: Bool
    /// Text encoders for components that need them (BERTScore); the CLI supplies the native ones.
    public var encoders: (any TextEncoderProvider)?
    /// Whether the run writes results/<name>/ (false: a notebook keeps the document itself).
    public var writesResults = true
    /// Compute only this shard's evaluated examples into the cache and write no pages (see `Shard`).
    public var shard: Shard?

    public init(cachePath: String = ".blendlab/cache.sqlite", resultsDirectory: String = "results", quiet: Bool = false,
                encoders: (any TextEncoderProvider)? = nil, shard: Shard? = nil) {
        self.cachePath = cachePath
        self.resultsDirectory = resultsDirectory
        self.quiet = quiet
        self.encoders = encoders
        self.shard = shard
    }
}

/// Runs a validated experiment: load data, rank (cached), evaluate, aggregate, write the
/// result document and its pages.
public struct Runner: Sendable {
    public var spec: ExperimentSpec
    public var options: RunOptions

    public init(spec: ExperimentSpec, options: RunOptions) {
        self.spec = spec
        self.options = options
    }

    /// A method row during the run: its table info and how it picks a candidate per example.
    struct Method {
        var info: MethodInfo
        /// The model an individual-LLM row always picks.
        var model: ModelName?
        var ranker: RankerComponent?
        /// A blender row's outputs, per example (see FuseStage).
        var blended: [BlendedOutput]? = nil
        /// The aggregation rule of a pairwise ranker's row.
        var rule: (any AggregationRule)? = nil
    }

    public func run() async throws -> ResultDocument { try await runReporting().document }

    /// `run()`, and per stage and component what came from the cache: the lines `plan()` predicts.
    func runReporting() async throws -> (document: ResultDocument, ledger: StageLedger) {
        let startedAt = ISO8601DateFormatter().string(from: Date())
        try spec.requireWeights()
        let store = try CacheStore(path: options.cachePath)
        let runID = try store.startRun(experiment: spec.name)
        var live = try LiveRun(spec: spec, store: store)
        let keys = try KeyContext(spec: spec, store: store)
        live.keys = keys
        var stages: [StageRecord] = []
        var ledger = StageLedger()
        log("run \(spec.name): cache \(options.cachePath)")

        let loadStart = Date()
        let data = try EvaluationData(spec: spec.dataset)
        var baseContext = ComponentContext(seed: spec.seed, reference: spec.dataset.reference, generation: live.generation)
        baseContext.embeddings = live.embeddings
        baseContext.concurrency = spec.concurrency
        let prepared = try await live.prepare(spec, examples: shardExamples(data.examples), candidates: data.loaded.candidates, context: baseContext,
                                              store: store, quiet: options.quiet)
        let examples = prepared.examples
        stages.append(StageRecord(stage: "load", seconds: Date().timeIntervalSince(loadStart), hits: 0, misses: 0))
        log("  load: \(data.loaded.examples.count) examples, evaluating \(examples.count) (\(spec.dataset.evaluate))"
            + (data.loaded.skipped.isEmpty ? "" : ", skipped \(data.loaded.skipped.values.reduce(0, +))"))

        var methods = try makeMethods(models: prepared.candidates)
        let baseline = try resolveBaseline(methods)

        // Rank stage: one cached score vector per (ranker, example).
        var selections: [String: [Int]] = [:]
        var diagnostics: [String: RankerDiagnostics] = [:]
        var orders: [String: [[Int]]] = [:]
        let cache = StoreValueCache(store: store)
        baseContext.encoders = options.encoders.map { CachingEncoderProvider(base: $0, cache: cache) }
        baseContext.cache = cache
        baseContext.referenceCorpus = data.examples.compactMap { e in spec.dataset.reference.flatMap { e.references[$0] } }
        let context = baseContext

        let trainStart = Date()
        let training = try await TrainStage.run(methods, training: spec.training, loaded: data.loaded, evaluated: examples,
                                                keys: keys, context: context, store: store, quiet: options.quiet,
                                                storedOnly: shardTraining)
        methods = training.methods
        ledger.lines += training.lines
        if training.hits + training.misses.count > 0 {
            try store.recordStage(run: runID, stage: "train", hits: training.hits, misses: training.misses)
            stages.append(StageRecord(stage: "train", seconds: Date().timeIntervalSince(trainStart), hits: training.hits,
                                      misses: training.misses.count))
        }

        let pointwise = methods.compactMap { m -> (key: String, ranker: any PointwiseRanker)? in
            guard case .pointwise(let r)? = m.ranker else { return nil }
            return (m.info.key, r)
        }
        var rankHits = 0
        var rankMisses: [CacheKey] = []
        let rankStart = Date()
        let rankKeys = RankStage(rankers: pointwise.map(\.ranker), examples: examples).keys(keys)
        for ((key, ranker), group) in zip(pointwise, rankKeys) {
            let outcome = try await CachedStage.run(label: "rank \(ranker.displayName)", keys: group.keys, store: store,
                                                    concurrency: spec.concurrency, quiet: options.quiet) { i in
                let scores = try await ranker.scores(for: examples[i], context: context)
                guard scores.count == examples[i].candidates.count else {
                    throw RunnerError.componentFailed(component: ranker.displayName, example: examples[i].id.rawValue,
                                                      reason: "returned \(scores.count) scores for \(examples[i].candidates.count) candidates")
                }
                return scores
            }
            orders[key] = outcome.values.map { Ranking.order(scores: $0) }
            selections[key] = orders[key]?.map { $0.first ?? 0 }
            diagnostics[key] = RankerDiagnostics(zip(examples, outcome.values).map {
                RankerDiagnostics.Observation(models: $0.candidates.map(\.model), scores: $1, oracleRanks: $0.oracleRanks)
            })
            ledger.note("rank", group.component, hits: outcome.hits, misses: outcome.misses.count)
            rankHits += outcome.hits
            rankMisses += outcome.misses
        }
        let pairwise = try await comparePairwise(methods, examples: examples, keys: keys, context: context, store: store, runID: runID)
        ledger.lines += pairwise.lines
        pairwise.annotate(&methods)
        orders.merge(pairwise.orders) { a, _ in a }
        selections.merge(pairwise.selections) { a, _ in a }
        diagnostics.merge(pairwise.diagnostics) { a, _ in a }
        if let record = pairwise.record { stages.append(record) }
        try store.recordStage(run: runID, stage: "rank", hits: rankHits, misses: rankMisses)
        stages.append(StageRecord(stage: "rank", seconds: Date().timeIntervalSince(rankStart), hits: rankHits, misses: rankMisses.count))

        methods += try await live.fuse(spec, methods: methods, selections: orders, examples: examples, context: context,
                                       store: store, quiet: options.quiet)

        // Evaluate stage: the paper's columns for every method's output on every example.
        let evaluateStart = Date()
        let metrics = spec.metrics.map(\.made)
        let metricInfos = metrics.map { MetricInfo(id: $0.displayName, label: $0.label, higherIsBetter: $0.higherIsBetter, component: $0.identity) }
        let rows = methods.map { method in
            EvaluateStage.Row(key: method.info.key, blended: method.blended, selected: examples.indices.map { e in
                method.model.flatMap(examples[e].index(of:)) ?? selections[method.info.key]?[e]
            })
        }
        let stored = try await StoredMetricValues(metrics: metrics, examples: examples, keys: keys, context: context,
                                                  concurrency: spec.concurrency)
        let results = try await EvaluateStage.run(rows: rows, examples: examples, metrics: metrics, ids: metricInfos.map(\.id),
                                                  stored: stored, context: context, concurrency: spec.concurrency)
        let aggregates = try await ResultStatistics.aggregates(methods: methods.map(\.info), metrics: metricInfos, examples: results,
                                                               baseline: baseline, seed: spec.seed, cache: cache)
        let views = try await TopKViews.compute(spec.topKViews, methods: methods, orders: orders, examples: examples, metrics: metrics,
                                                metricInfos: metricInfos, stored: stored, context: context, seed: spec.seed)
        stages.append(StageRecord(stage: "evaluate", seconds: Date().timeIntervalSince(evaluateStart), hits: 0, misses: 0))
        let liveOutcome = try await live.finish(spec, run: runID, store: store)
        stages += liveOutcome.records
        try store.finishRun(runID)

        let total = rankHits + rankMisses.count
        log(rankMisses.isEmpty ? "  served entirely from the cache (\(total) hits)" : "  cache: \(rankHits) hits, \(rankMisses.count) misses")

        var document = ResultDocument(
            experiment: ExperimentInfo(name: spec.name, description: spec.description, baseline: baseline, notes: spec.notes, reading: spec.reading,
                                       tables: spec.tables),
            spec: spec.resolved,
            data: DataSummary(source: spec.dataset.source.rawValue, path: spec.dataset.path, candidates: prepared.candidates,
                              loaded: data.loaded.examples.count, splits: data.splitCounts, evaluatedSplit: spec.dataset.evaluate,
                              evaluated: examples.count, skipped: data.loaded.skipped,
                              droppedCandidates: data.loaded.droppedCandidates.isEmpty ? nil : data.loaded.droppedCandidates,
                              emptyAnswers: data.loaded.emptyAnswers == 0 ? nil : data.loaded.emptyAnswers),
            methods: methods.map(\.info), metrics: metricInfos, aggregates: aggregates,
            diagnostics: diagnostics.isEmpty ? nil : diagnostics, examples: results,
            provenance: Provenance(gitCommit: GitInfo.commit(), specHash: spec.resolved.hash, toolVersion: BlendlabVersion.string,
                                   seed: spec.seed, startedAt: startedAt, stages: stages))
        document.usage = liveOutcome.usage
        document.training = training.reports.isEmpty ? nil : training.reports
        document.topKViews = views.isEmpty ? nil : views
        if let shard = options.shard {
            log("  shard \(shard): \(examples.count) of \(data.examples.count) examples cached in \(options.cachePath); no pages written")
            return (document, ledger)
        }
        if options.writesResults {
            let directory = (options.resultsDirectory as NSString).appendingPathComponent(spec.name)
            try ResultFiles.write(document, texts: ExampleTexts(examples), to: directory)
            log("  wrote \(directory)/result.json, examples.json, report.md, index.html, examples.html, tables/")
        }
        return (document, ledger)
    }

    func makeMethods(models: [ModelName]) throws -> [Method] {
        var methods = models.map {
            Method(info: MethodInfo(key: "llm:" + $0.rawValue, label: $0.rawValue, group: .llm, component: nil), model: $0, ranker: nil)
        }
        var used = Set(methods.map(\.info.key))
        for spec in spec.rankers {
            let ranker = spec.made
            let rules = Self.rules(for: ranker, self.spec.aggregation)
            for rule in rules {
                let label = ranker.displayName + (rule.map { " + " + $0.displayName } ?? "")
                var key = "ranker:" + label
                var n = 2
                while used.contains(key) { key = "ranker:\(label)#\(n)"; n += 1 }
                used.insert(key)
                var component = ranker.identity
                if let rule { component = .object(["ranker": ranker.identity, "aggregation": rule.identity]) }
                let info = MethodInfo(key: key, label: label, group: ranker.tableGroup, component: component,
                                      ranker: MethodInfo.ComponentRef(id: ranker.id, name: ranker.displayName),
                                      aggregation: rule.map { MethodInfo.ComponentRef(id: type(of: $0).id, name: $0.displayName) })
                methods.append(Method(info: info,
                                      model: nil, ranker: ranker, rule: rule))
            }
        }
        return methods
    }

    /// The baseline's method key: a key (`llm:vicuna-13b`), a model name, or a row label.
    func resolveBaseline(_ methods: [Method]) throws -> String? {
        guard let baseline = spec.baseline else { return nil }
        if let m = methods.first(where: { $0.info.key == baseline || $0.info.key == "llm:" + baseline || $0.info.label == baseline }) {
            return m.info.key
        }
        throw RunnerError.unknownBaseline(baseline, known: methods.map(\.info.label))
    }

    private func log(_ line: String) {
        if !options.quiet { FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }
}

import BlendCore
import BlendStore
import Foundation

extension Runner {
    /// What `blendlab train` did for one ranker row's ranker.
    public struct TrainingOutcome: Sendable {
        public var ranker: String
        public var weights: String
        public var report: TrainingReport
    }

    /// Trains (or finds stored weights for) the experiment's trained rankers with id `rankerID`
    /// (every trained ranker when nil), exactly as `run` would before ranking, and stops there.
    public func train(rankerID: String?) async throws -> [TrainingOutcome] {
        let store = try CacheStore(path: options.cachePath)
        let runID = try store.startRun(experiment: spec.name + ":train")
        let data = try EvaluationData(spec: spec.dataset)
        var methods = try makeMethods(models: data.loaded.candidates).filter { m in
            guard let ranker = m.ranker, ranker.trainable != nil else { return false }
            return rankerID == nil || ranker.id == rankerID
        }
        guard !methods.isEmpty else {
            let trained = spec.rankers.filter { $0.made.trainable != nil }.map(\.id)
            throw RunnerError.nothingToTrain(experiment: spec.name, ranker: rankerID, trained: trained)
        }
        var context = ComponentContext(seed: spec.seed, reference: spec.dataset.reference)
        context.concurrency = spec.concurrency
        context.encoders = options.encoders.map { CachingEncoderProvider(base: $0, cache: StoreValueCache(store: store)) }
        let live = try LiveRun(spec: spec, store: store)
        context.generation = live.generation
        context.embeddings = live.embeddings
        let outcome = try await TrainStage.run(methods, training: spec.training, loaded: data.loaded, evaluated: data.examples,
                                               keys: try KeyContext(spec: spec, store: store), context: context, store: store, quiet: options.quiet)
        try store.recordStage(run: runID, stage: "train", hits: outcome.hits, misses: outcome.misses)
        try store.finishRun(runID)
        methods = outcome.methods
        var seen = Set<String>()
        return methods.compactMap { m in
            guard let ranker = m.ranker, let w = ranker.trainable?.weights, seen.insert(w.digest).inserted else { return nil }
            return TrainingOutcome(ranker: ranker.displayName, weights: w.digest, report: w.report)
        }
    }
}

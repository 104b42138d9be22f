import BlendCore
import BlendData
import BlendStore
import Foundation

extension Runner {
    /// One ranker made ready to rank an experiment's evaluated examples outside a run
    /// (`blendlab rank`): the ranker with its weights attached, the examples, and the context
    /// it reads (the experiment's seed and reference, the supplied encoders).
    public struct RankingSetup: Sendable {
        public var ranker: RankerComponent
        public var examples: [Example]
        public var context: ComponentContext
    }

    /// The ranker `rankerID` as this experiment would run it, computing nothing and caching
    /// nothing. Its parameters are those of the experiment's first `rankers:` entry with that
    /// id (none when it lists none), with `params` replacing keys. A trained ranker
    /// (pair-ranker, summareranker, simcls with a projection, stack) gets the weights that
    /// `blendlab train` or `run` stored for this experiment under the train stage's key (the
    /// same `TrainStage.lookup` as `plan()`), one model per fold for a cross-fitted experiment;
    /// when any is missing the error names the command that trains it. `experiment` is how
    /// the user named the experiment, for that message (default: its name).
    public func rankingSetup(rankerID: String, params: [String: JSONValue], experiment: String? = nil) throws -> RankingSetup {
        let listed = spec.rankers.first { $0.id == rankerID }
        var ranker: RankerComponent
        if let listed, params.isEmpty {
            ranker = listed.made
        } else {
            ranker = try Catalog.make(Catalog.rankers, kind: "ranker", id: rankerID,
                                      params: (listed?.params ?? [:]).merging(params) { _, given in given })
        }
        let trainable = ranker.trainable
        let missing = RunnerError.noStoredWeights(ranker: ranker.displayName, id: rankerID, experiment: experiment ?? spec.name,
                                                  listed: listed != nil)
        if trainable != nil, spec.training == nil || listed == nil || !FileManager.default.fileExists(atPath: options.cachePath) {
            throw missing
        }
        let data = try EvaluationData(spec: spec.dataset)
        var context = ComponentContext(seed: spec.seed, reference: spec.dataset.reference, encoders: options.encoders)
        context.concurrency = spec.concurrency
        context.referenceCorpus = data.examples.compactMap { e in spec.dataset.reference.flatMap { e.references[$0] } }
        if !spec.backends.isEmpty {   // LLM and embedding calls go through the experiment's cache
            let live = try LiveRun(spec: spec, store: try CacheStore(path: options.cachePath))
            context.generation = live.generation
            context.embeddings = live.embeddings
        }
        if let trainable, let training = spec.training {
            let store = try CacheStore(path: options.cachePath)
            var keys = try KeyContext(spec: spec, store: store)
            for model in (trainable as? any EncoderUser)?.encoderModels ?? [] where keys.encoders[model] == nil {
                keys.encoders[model] = try EncoderFingerprint.of(directory: model, store: store)
            }
            let parts = try TrainStage.data(training, loaded: data.loaded, evaluated: data.examples)
            let found = try TrainStage.lookup(trainable, parts: parts, keys: keys, store: store)
            let weights = found.compactMap(\.weights)
            guard weights.count == found.count else { throw missing }
            ranker = try TrainStage.join(ranker, try weights.map { try TrainStage.attach(ranker, $0) }, folds: training.folds)
        }
        return RankingSetup(ranker: ranker, examples: data.examples, context: context)
    }
}

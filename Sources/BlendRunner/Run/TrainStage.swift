import BlendCore
import BlendData
import BlendStore
import Foundation

/// The train stage: before ranking, every trained ranker of the run (pair-ranker,
/// summareranker) gets weights: loaded from the store when a training with the same key ran
/// before, else trained now and stored at once. The key is the ranker's identity without
/// weights (features and hyper-parameters), the digest of the training data (ids, texts,
/// oracle scores of the train and validation examples) and the seed, so a second experiment
/// with the same training reuses the weights and a change to any of them trains anew. A shard
/// (`storedOnly`) never trains: it fails naming the command that trains first.
enum TrainStage {
    struct Outcome {
        var methods: [Runner.Method]
        /// Per trained ranker (display name): what its training did.
        var reports: [String: TrainingReport]
        var hits: Int
        var misses: [CacheKey]
        /// Per distinct training: whether its weights were stored (what `plan()` predicts).
        var lines: [Plan.Line] = []
    }

    /// The ranker's identity without weights, the training data's digest and the seed, with the
    /// encoders the ranker reads (see `KeyContext`).
    static func key(_ ranker: any TrainableRanker, data: TrainingData, keys: KeyContext) -> CacheKey {
        CacheKey(stage: "train", component: type(of: ranker).id,
                 fields: keys.decorate(.object(["ranker": ranker.identity, "data": .string(data.digest),
                                                "seed": .int(Int(truncatingIfNeeded: keys.seed))]), for: ranker))
    }

    /// The training examples: the training part of `spec` (from `loaded` when it is the
    /// experiment's own data set), minus a validation part carved by hash. An evaluated example
    /// in the training data is an error: its scores would be leaked. With folds, one such split
    /// per fold: fold k trains on the training examples outside fold k, for the evaluated
    /// examples of fold k.
    static func data(_ spec: TrainingSpec, loaded: LoadedData, evaluated: [Example]) throws -> [TrainingData] {
        let examples: [Example]
        if spec.explicit {
            examples = try EvaluationData(spec: spec.dataset).examples
        } else if spec.folds != nil {
            examples = loaded.examples
        } else {
            examples = loaded.examples.filter { DataSplit.part(of: $0, parts: spec.dataset.split) == spec.dataset.evaluate }
        }
        guard let folds = spec.folds else {
            try checkNoOverlap(examples, evaluated)
            return [TrainingData.carve(examples, validation: spec.validation)]
        }
        return try (0..<folds.count).map { k in
            let pool = examples.filter { folds.fold(of: $0) != k }
            try checkNoOverlap(pool, evaluated.filter { folds.fold(of: $0) == k })
            return TrainingData.carve(pool, validation: spec.validation)
        }
    }

    static func checkNoOverlap(_ training: [Example], _ evaluated: [Example]) throws {
        let evaluatedSources = Set(evaluated.map(\.source))
        let overlap = training.filter { evaluatedSources.contains($0.source) }
        if let first = overlap.first {
            throw RunnerError.trainingOverlap(count: overlap.count, example: first.id.rawValue)
        }
    }

    static func run(_ methods: [Runner.Method], training: TrainingSpec?, loaded: LoadedData, evaluated: [Example],
                    keys: KeyContext, context: ComponentContext, store: CacheStore, quiet: Bool,
                    storedOnly shard: ShardTraining? = nil) async throws -> Outcome {
        var outcome = Outcome(methods: methods, reports: [:], hits: 0, misses: [])
        guard methods.contains(where: { $0.ranker?.trainable.map { $0.weights == nil } ?? false }) else { return outcome }
        guard let training else { throw RunnerError.noExamples("a trained ranker needs training data (train_dataset: or a 'train' split part)") }
        let parts = try data(training, loaded: loaded, evaluated: evaluated)
        let log: @Sendable (String) -> Void = { line in if !quiet { FileHandle.standardError.write(Data((line + "\n").utf8)) } }
        var trained: [String: TrainedWeights] = [:]
        let decoder = JSONDecoder()
        for (m, method) in methods.enumerated() {
            guard let ranker = method.ranker, let trainable = ranker.trainable, trainable.weights == nil else { continue }
            var models: [RankerComponent] = []
            for (k, data) in parts.enumerated() {
                let name = training.folds.map { $0.label(ranker.displayName, fold: k) } ?? ranker.displayName
                let key = key(trainable, data: data, keys: keys)
                var weights: TrainedWeights
                if let known = trained[key.digest] {
                    weights = known
                } else if let stored = try store.values(for: [key])[key.digest], let w = try? decoder.decode(TrainedWeights.self, from: stored) {
                    weights = w
                    outcome.hits += 1
                    outcome.lines.append(Plan.Line(stage: "train", component: name, total: 1, cached: 1))
                    log("  train \(name): stored weights \(w.digest.prefix(12)) (\(w.report.summary))")
                } else if let shard {
                    throw RunnerError.shardWithoutWeights(ranker: name, shard: shard.shard.description,
                                                          experiment: shard.experiment, cache: shard.cache)
                } else {
                    log("  train \(name): \(data.train.count) training and \(data.validation.count) validation examples")
                    let start = Date()
                    weights = try await trainable.train(on: data, context: context, log: log)
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = .sortedKeys
                    try store.store([(key, try encoder.encode(weights))])
                    outcome.misses.append(key)
                    outcome.lines.append(Plan.Line(stage: "train", component: name, total: 1, cached: 0))
                    log("  train \(name): \(weights.report.summary) in \(Int(Date().timeIntervalSince(start))) s; "
                        + "weights \(weights.digest.prefix(12))")
                }
                trained[key.digest] = weights
                let attached = try attach(ranker, weights)
                let scored = training.folds.map { f in evaluated.filter { f.fold(of: $0) == k } } ?? evaluated
                let unseen = unseenModels(attached, scored)
                if !unseen.isEmpty {
                    weights.report.unseenModels = unseen.map(\.rawValue)
                    log("  train \(name): no learned prior for \(unseen.map(\.rawValue).joined(separator: ", ")) "
                        + "(never seen in training; their prior is 0)")
                }
                models.append(attached)
                outcome.reports[name] = weights.report
            }
            let joined = try join(ranker, models, folds: training.folds)
            outcome.methods[m].ranker = joined
            outcome.methods[m].info.component = method.rule.map { .object(["ranker": joined.identity, "aggregation": $0.identity]) }
                ?? joined.identity
        }
        return outcome
    }

    /// Per fold (one without folds): the training's key and its stored weights, if any.
    static func lookup(_ trainable: any TrainableRanker, parts: [TrainingData], keys: KeyContext,
                       store: CacheStore) throws -> [(key: CacheKey, weights: TrainedWeights?)] {
        let decoder = JSONDecoder()
        return try parts.map { data in
            let key = key(trainable, data: data, keys: keys)
            return (key, try store.values(for: [key])[key.digest].flatMap { try? decoder.decode(TrainedWeights.self, from: $0) })
        }
    }

    /// The trained models (one per fold) as the ranker a row runs: the model itself, or the
    /// cross-fitted ranker of the fold models.
    static func join(_ ranker: RankerComponent, _ models: [RankerComponent], folds: Folds?) throws -> RankerComponent {
        guard let joined = folds == nil ? models.first : RankerComponent.crossFitted(models, folds: folds!) else {
            throw RunnerError.componentFailed(component: ranker.displayName, example: "-", reason: "cannot join the per-fold models")
        }
        return joined
    }

    /// The evaluated candidate models a ranker with a per-model prior never saw in training.
    static func unseenModels(_ ranker: RankerComponent, _ examples: [Example]) -> [ModelName] {
        guard case .pointwise(let r) = ranker, let stack = r as? StackRanker else { return [] }
        return stack.unseenModels(examples.flatMap { $0.candidates.map(\.model) })
    }

    static func attach(_ ranker: RankerComponent, _ weights: TrainedWeights) throws -> RankerComponent {
        switch ranker {
        case .pointwise(let r):
            if let t = r as? any TrainableRanker, let p = t.with(weights: weights) as? any PointwiseRanker { return .pointwise(p) }
        case .pairwise(let r):
            if let t = r as? any TrainableRanker, let p = t.with(weights: weights) as? any PairwiseComparator { return .pairwise(p) }
        }
        throw RunnerError.componentFailed(component: ranker.displayName, example: "-", reason: "cannot attach trained weights")
    }
}

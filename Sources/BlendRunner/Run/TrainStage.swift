import BlendCore
import BlendData
import BlendStore
import Foundation

/// The train stage: before ranking, every trained ranker of the run (pair-ranker,
/// summareranker) gets weights: loaded from the store when a training with the same key ran
/// before, else trained now and stored at once. The key is the ranker's identity without
/// weights (features and hyper-parameters), the digest of the training data (ids, texts,
/// oracle scores of the train and validation examples) and the seed, so a second experiment
/// with the same training reuses the weights and a change to any of them trains anew.
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
    /// in the training data is an error: its scores would be leaked.
    static func data(_ spec: TrainingSpec, loaded: LoadedData, evaluated: [Example]) throws -> TrainingData {
        let examples: [Example]
        if spec.explicit {
            examples = try EvaluationData(spec: spec.dataset).examples
        } else {
            examples = loaded.examples.filter { DataSplit.part(of: $0, parts: spec.dataset.split) == spec.dataset.evaluate }
        }
        let evaluatedSources = Set(evaluated.map(\.source))
        let overlap = examples.filter { evaluatedSources.contains($0.source) }
        if let first = overlap.first {
            throw RunnerError.trainingOverlap(count: overlap.count, example: first.id.rawValue)
        }
        return TrainingData.carve(examples, validation: spec.validation)
    }

    static func run(_ methods: [Runner.Method], training: TrainingSpec?, loaded: LoadedData, evaluated: [Example],
                    keys: KeyContext, context: ComponentContext, store: CacheStore, quiet: Bool) async throws -> Outcome {
        var outcome = Outcome(methods: methods, reports: [:], hits: 0, misses: [])
        guard methods.contains(where: { $0.ranker?.trainable.map { $0.weights == nil } ?? false }) else { return outcome }
        guard let training else { throw RunnerError.noExamples("a trained ranker needs training data (train_dataset: or a 'train' split part)") }
        let data = try data(training, loaded: loaded, evaluated: evaluated)
        let log: @Sendable (String) -> Void = { line in if !quiet { FileHandle.standardError.write(Data((line + "\n").utf8)) } }
        var trained: [String: TrainedWeights] = [:]
        let decoder = JSONDecoder()
        for (m, method) in methods.enumerated() {
            guard let ranker = method.ranker, let trainable = ranker.trainable, trainable.weights == nil else { continue }
            let key = key(trainable, data: data, keys: keys)
            let weights: TrainedWeights
            if let known = trained[key.digest] {
                weights = known
            } else if let stored = try store.values(for: [key])[key.digest], let w = try? decoder.decode(TrainedWeights.self, from: stored) {
                weights = w
                outcome.hits += 1
                outcome.lines.append(Plan.Line(stage: "train", component: ranker.displayName, total: 1, cached: 1))
                log("  train \(ranker.displayName): stored weights \(w.digest.prefix(12)) (\(w.report.summary))")
            } else {
                log("  train \(ranker.displayName): \(data.train.count) training and \(data.validation.count) validation examples")
                let start = Date()
                weights = try await trainable.train(on: data, context: context, log: log)
                let encoder = JSONEncoder()
                encoder.outputFormatting = .sortedKeys
                try store.store([(key, try encoder.encode(weights))])
                outcome.misses.append(key)
                outcome.lines.append(Plan.Line(stage: "train", component: ranker.displayName, total: 1, cached: 0))
                log("  train \(ranker.displayName): \(weights.report.summary) in \(Int(Date().timeIntervalSince(start))) s; "
                    + "weights \(weights.digest.prefix(12))")
            }
            trained[key.digest] = weights
            let attached = try attach(ranker, weights)
            outcome.methods[m].ranker = attached
            outcome.methods[m].info.component = method.rule.map { .object(["ranker": attached.identity, "aggregation": $0.identity]) }
                ?? attached.identity
            outcome.reports[attached.displayName] = weights.report
        }
        return outcome
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

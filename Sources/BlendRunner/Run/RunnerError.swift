import BlendCore

/// Errors of planning and running, with what to do about them.
public enum RunnerError: BlendlabError, Sendable, CustomStringConvertible {
    case unknownBaseline(String, known: [String])
    case noExamples(String)
    case componentFailed(component: String, example: String, reason: String)
    case cannotWrite(path: String, reason: String)
    case missingResult(path: String)
    case trainingOverlap(count: Int, example: String)
    case nothingToTrain(experiment: String, ranker: String?, trained: [String])
    case badView(String)
    case unreadableModelFile(path: String)
    /// A component's model directory is absent, and the weights come from elsewhere than `make models`.
    case missingWeights(component: String, directory: String, source: String)
    /// A trained ranker asked for outside a run (`blendlab rank`) with no stored weights.
    case noStoredWeights(ranker: String, id: String, experiment: String, listed: Bool)
    /// A shard (`run --shard`) found no stored weights for a trained ranker; shards never train.
    case shardWithoutWeights(ranker: String, shard: String, experiment: String, cache: String)

    public var description: String {
        switch self {
        case .unknownBaseline(let b, let known):
            "baseline '\(b)' is not a method of this experiment; methods: \(known.joined(separator: ", "))"
        case .noExamples(let why): "no examples to evaluate: \(why)"
        case .componentFailed(let component, let example, let reason):
            "\(component) failed on example \(example): \(reason). Work finished before it is kept in the cache; fix and run again."
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        case .missingResult(let path): "\(path) does not exist; run the experiment first (blendlab run NAME)."
        case .trainingOverlap(let count, let example):
            "\(count) evaluated examples are also in the training data (first: \(example)); "
                + "evaluate a part the rankers do not train on (dataset.evaluate: test) or use a different train_dataset:"
        case .nothingToTrain(let experiment, let ranker, let trained):
            "experiment \(experiment) has no trained ranker\(ranker.map { " '\($0)'" } ?? ""); its trained rankers: "
                + (trained.isEmpty ? "none (add pair-ranker or summareranker to rankers:)" : trained.joined(separator: ", "))
        case .badView(let why): "topk_views: \(why)"
        case .missingWeights(let component, let directory, let source):
            "\(component) reads the model directory \(directory), which has no config.json; \(source), then run again"
        case .unreadableModelFile(let path): "cannot read \(path) to fingerprint the encoder; run `make models` or fix its permissions"
        case .noStoredWeights(let ranker, let id, let experiment, let listed):
            listed
                ? "\(ranker) is trained and no weights are stored for experiment \(experiment) in this cache; "
                    + "train them first: blendlab train --ranker \(id) --experiment \(experiment)"
                : "\(ranker) is trained, but experiment \(experiment) does not list it under rankers:, so nothing trains it; "
                    + "add it to rankers:, then run blendlab train --ranker \(id) --experiment \(experiment)"
        case .shardWithoutWeights(let ranker, let shard, let experiment, let cache):
            "shard \(shard) of \(experiment): no stored weights for \(ranker) in \(cache), and a shard does not train. "
                + "Train once first, with the same --set options: blendlab train --experiment \(experiment) --cache TRAIN.sqlite; "
                + "then give every shard the weights (blendlab cache merge TRAIN.sqlite --into \(cache), or start it from a copy "
                + "of TRAIN.sqlite) and run the shard again"
        }
    }
}

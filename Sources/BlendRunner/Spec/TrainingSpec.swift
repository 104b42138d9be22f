import BlendCore

/// Where trained rankers (pair-ranker, summareranker) learn: the `train_dataset:` block, or
/// by default the `train` part of the experiment's own `dataset:` split. `validation` is the
/// fraction of the training examples carved off by instruction hash for early stopping.
public struct TrainingSpec: Sendable {
    public var dataset: DatasetSpec
    public var validation: Double
    /// Whether the experiment file has a `train_dataset:` block (else the default part).
    public var explicit: Bool
    /// The evaluated data set's folds: each trained ranker is trained once per fold, on the
    /// training examples outside it.
    public var folds: Folds? = nil

    public static let defaultValidation = 0.15

    var json: JSONValue {
        .object(["dataset": dataset.json, "validation": .double(validation), "explicit": .bool(explicit)]
                    .merging(folds.map { ["folds": .int($0.count)] } ?? [:]) { a, _ in a })
    }

    /// The training spec, or nil when no ranker of the experiment is trained. A trained ranker
    /// without training data is an error at its line.
    static func decode(_ top: inout SpecReader, rankers: [RankerSpec], dataset: DatasetSpec) throws -> TrainingSpec? {
        let trained = rankers.filter { $0.made.trainable != nil }
        guard top.object["train_dataset"] != nil else {
            _ = top.raw("train_dataset")
            guard let first = trained.first else { return nil }
            if let folds = dataset.folds {
                var training = dataset
                training.limit = nil
                training.folds = nil
                var spec = TrainingSpec(dataset: training, validation: defaultValidation, explicit: false)
                spec.folds = folds
                return spec
            }
            guard dataset.split.contains(where: { $0.name == "train" }) else {
                throw top.document.error(first.keyPath, "\(first.id) is trained, but the data set has no 'train' part: add "
                                         + "`split: {train: 0.5, test: 0.5}` and `evaluate: test` to dataset:, or a train_dataset: block")
            }
            guard dataset.evaluate != "train", dataset.evaluate != "all" else {
                throw top.document.error("dataset.evaluate", "\(first.id) trains on the 'train' part, so evaluate another part (evaluate: test)")
            }
            var training = dataset
            training.evaluate = "train"
            training.limit = nil
            return TrainingSpec(dataset: training, validation: defaultValidation, explicit: false)
        }
        var reader = try top.reader("train_dataset")
        let training = try DatasetSpec.decode(&reader, training: true)
        var validation = defaultValidation
        switch reader.raw("validation") {
        case nil: break
        case .double(let d)?: validation = d
        case .int(let i)?: validation = Double(i)
        case let other?: throw reader.error("validation", "must be a fraction in [0, 1), found \(other.typeName)")
        }
        guard validation >= 0, validation < 1 else { throw reader.error("validation", "must be a fraction in [0, 1)") }
        try reader.finish()
        var spec = TrainingSpec(dataset: training, validation: validation, explicit: true)
        spec.folds = dataset.folds
        return spec
    }
}

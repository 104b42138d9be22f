/// A learned combination of cheap evidence about each candidate (stacking): the built-in text
/// features of `TextFeature` (`features:`, default every feature that needs no encoder), the
/// scores of other catalog rankers (`inputs:`; a pairwise ranker enters by its max-logits scores
/// over the full matrix), each standardised within its example, and, with `model_prior: true`
/// (the default), one learned prior per candidate model. A model that training never saw gets
/// prior 0, and the run names it.
///
/// Trained pairwise with the Bradley-Terry / instructgpt loss (digest 2.3) over every pair of a
/// training example's candidates whose oracle scores differ, L2 strength chosen from `l2` and
/// Newton iterations stopped early on the validation pairs' loss (`PairwiseLogisticTrainer`).
/// Deterministic: no sampling. Score = the linear score; equal scores tie by candidate order.
public struct StackRanker: PointwiseRanker, TrainableRanker, BackendUser, EncoderUser, Configurable {
    public static let id = "stack"
    public static let version = 1
    public static let reads: ExampleInputs = [.source, .candidates]
    public static let isSeeded = true

    public struct Parameters: ComponentParameters {
        public var features = FeatureList(TextFeature.lexical)
        /// Untrained catalog rankers: an id, or `{id: ..., parameters...}`.
        public var inputs: [JSONValue] = []
        public var modelPrior = true
        /// The L2 strengths tried; the one with the lowest validation loss is kept.
        public var l2 = [0.001, 0.01, 0.1, 1]
        /// The encoder of the `consensus-embedding` feature: a model directory, or with
        /// `encoder_backend:` the model that backend serves at `/v1/embeddings`.
        public var encoder = EncoderParameters.defaultModel
        public var encoderBackend: String?
        public init() {}

        enum CodingKeys: String, CodingKey { case features, inputs, l2, encoder, modelPrior = "model_prior", encoderBackend = "encoder_backend" }

        var sentenceEncoder: SentenceEncoderChoice { SentenceEncoderChoice(model: encoder, backend: encoderBackend) }

        public func validate() throws {
            guard !l2.isEmpty, l2.allSatisfy({ $0 > 0 }) else { throw ParameterError.invalid(key: "l2", message: "must be positive numbers") }
            if let encoderBackend, encoderBackend.isEmpty {
                throw ParameterError.invalid(key: "encoder_backend", message: "must name a backend of the experiment's backends:")
            }
        }
    }

    public let params: Parameters
    public let inputs: [RankerComponent]
    public var weights: TrainedWeights?
    var features: [TextFeature] { params.features.items }

    public init(_ params: Parameters = .init()) throws {
        self.params = params
        inputs = try params.inputs.enumerated().map { try Self.input($1, key: "inputs[\($0)]") }
    }

    /// One `inputs:` entry: a ranker id, or `{id: ..., parameters...}`; not a stack, not trained.
    static func input(_ value: JSONValue, key: String) throws -> RankerComponent {
        let id: String
        var params: [String: JSONValue] = [:]
        switch value {
        case .string(let s): id = s
        case .object(let o):
            guard case .string(let s)? = o["id"] else { throw ParameterError.invalid(key: key, message: "needs an `id:` naming a ranker") }
            id = s
            params = o.filter { $0.key != "id" }
        default: throw ParameterError.wrongType(key: key, expected: "a ranker id or {id: ...}", found: value.typeName)
        }
        guard id != Self.id else { throw ParameterError.invalid(key: key, message: "a stack cannot take a stack as its input") }
        let ranker: RankerComponent
        do {
            ranker = try Catalog.make(Catalog.rankers, kind: "ranker", id: id, params: params)
        } catch let error as CatalogError {
            throw ParameterError.invalid(key: key, message: error.message)
        } catch let error as ParameterError {
            throw ParameterError.invalid(key: key + "." + error.key, message: error.message)
        }
        guard ranker.trainable == nil else {
            throw ParameterError.invalid(key: key, message: "'\(id)' is trained; a stack's inputs must be untrained rankers (their scores "
                                         + "would need training apart from the stack's)")
        }
        return ranker
    }

    /// The inputs by their identity, and the encoder only when a feature reads it.
    public var parameters: JSONValue {
        var p: [String: JSONValue] = ["features": .array(features.map { .string($0.rawValue) }),
                                      "inputs": .array(inputs.map(\.identity)), "model_prior": .bool(params.modelPrior),
                                      "l2": .array(params.l2.map(JSONValue.double))]
        if features.contains(where: \.needsEncoder) {
            p["encoder"] = .string(params.encoder)
            if let backend = params.encoderBackend { p["encoder_backend"] = .string(backend) }
        }
        return withWeights(.object(p))
    }

    public var displayName: String {
        var parts: [String] = []
        if features != TextFeature.lexical { parts.append("features=" + TextFeature.label(features)) }
        if !inputs.isEmpty { parts.append("inputs=" + inputs.map(\.displayName).joined(separator: "+")) }
        if !params.modelPrior { parts.append("no prior") }
        if params.l2 != Parameters().l2 { parts.append("l2=" + params.l2.map { "\($0)" }.joined(separator: "/")) }
        return parts.isEmpty ? Self.id : "\(Self.id)(\(parts.joined(separator: ",")))"
    }

    public var backendNames: [String] {
        let embedding = features.contains(where: \.needsEncoder) ? params.sentenceEncoder.backendNames : []
        return Array(Set(inputs.flatMap(\.backendNames) + embedding)).sorted()
    }

    public func with(weights: TrainedWeights) -> StackRanker {
        var copy = self
        copy.weights = weights
        return copy
    }

    /// The input names, in the order of a row of `inputs(for:)`.
    public var inputNames: [String] { features.map(\.rawValue) + inputs.map { "input: " + $0.displayName } }

    /// The candidate models of `models` that have no learned prior.
    public func unseenModels(_ models: [ModelName]) -> [ModelName] {
        guard params.modelPrior, let priors = weights?.linear?.priors else { return [] }
        return Array(Set(models.filter { priors[$0.rawValue] == nil })).sorted()
    }

    public func scores(for example: Example, context: ComponentContext) async throws -> [Double] {
        guard let linear = weights?.linear else { throw TrainingError.untrained(component: Self.id) }
        let rows = try await self.inputs(for: example, context: context)
        return zip(rows, example.candidates).map { linear.score($0, model: $1.model) }
    }

    /// Per candidate: the features, then each input ranker's score standardised within the example.
    public func inputs(for example: Example, context: ComponentContext) async throws -> [[Double]] {
        var rows = try await featureValues(example, context: context)
        for input in inputs {
            let z = Self.standardised(try await inputScores(input, example: example, context: context))
            for i in rows.indices { rows[i].append(z[i]) }
        }
        return rows
    }

    /// The text features (the lexical ones cost less than a read; embeddings have their own cache).
    func featureValues(_ example: Example, context: ComponentContext) async throws -> [[Double]] {
        try await TextFeature.values(features, for: example, context: context, encoder: params.sentenceEncoder)
    }

    /// An input ranker's scores; a pairwise one's by max-logits over the full matrix. Inputs that
    /// read only the example's texts are stored (stage `stack-input`, under the input's identity);
    /// those that call an encoder or a backend recompute through that service's own cache, whose
    /// keys carry the service's identity.
    func inputScores(_ input: RankerComponent, example: Example, context: ComponentContext) async throws -> [Double] {
        let compute: @Sendable () async throws -> [Double] = {
            switch input {
            case .pointwise(let ranker):
                return try await ranker.scores(for: example, context: context)
            case .pairwise(let comparator):
                let n = example.candidates.count
                var s = [Double](repeating: 0, count: n)
                for i in 0..<n {
                    for j in 0..<n where i != j {
                        let m = try await comparator.logit(example, i, j, context: context)
                        s[i] += m
                        s[j] -= m
                    }
                }
                return s
            }
        }
        let pure = input.backendNames.isEmpty && Self.encoderModels(of: input).isEmpty
        guard pure, let cache = context.cache else { return try await compute() }
        let fields: JSONValue = switch input {
        case .pointwise(let r): r.cacheFields(for: example, seed: context.seed)
        case .pairwise(let c): .object(["comparator": c.cacheFields(for: example, seed: context.seed), "aggregation": .string("max-logits")])
        }
        return try await cache.value(stage: "stack-input", component: input.id, fields: fields, compute: compute)
    }

    static func encoderModels(of ranker: RankerComponent) -> [String] {
        switch ranker {
        case .pointwise(let r): (r as? any EncoderUser)?.encoderModels ?? []
        case .pairwise(let r): (r as? any EncoderUser)?.encoderModels ?? []
        }
    }

    /// The encoders of the embedding feature and of the inputs, for the cache keys' encoder identity.
    public var encoderModels: [String] {
        var models = features.contains(where: \.needsEncoder) ? params.sentenceEncoder.encoderModels : []
        for m in inputs.flatMap(Self.encoderModels(of:)) where !models.contains(m) { models.append(m) }
        return models
    }

    static func standardised(_ scores: [Double]) -> [Double] {
        guard scores.count > 1 else { return scores.map { _ in 0 } }
        let finite = scores.map { $0.isFinite ? $0 : 0 }
        let mean = finite.reduce(0, +) / Double(finite.count)
        let sd = (finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(finite.count)).squareRoot()
        return finite.map { sd > 1e-12 ? ($0 - mean) / sd : 0 }
    }

    public func train(on data: TrainingData, context: ComponentContext, log: @escaping @Sendable (String) -> Void) async throws -> TrainedWeights {
        func examples(_ part: [Example], _ what: String) async throws -> [PairwiseTrainingExample] {
            var out: [PairwiseTrainingExample] = []
            for (n, e) in part.enumerated() where e.candidates.count >= 2 {
                let models = e.candidates.map(\.model)
                out.append(PairwiseTrainingExample(inputs: try await inputs(for: e, context: context), models: models,
                                                   scores: e.oracle.oracleScores(models: models)))
                if (n + 1) % 100 == 0 { log("    \(what): inputs of \(n + 1)/\(part.count) examples") }
            }
            return out
        }
        let train = try await examples(data.train, "train")
        let validation = try await examples(data.validation, "validation")
        let trained = try PairwiseLogisticTrainer.train(names: inputNames, train: train, validation: validation,
                                                        settings: .init(l2: params.l2, modelPrior: params.modelPrior))
        return TrainedWeights(linear: trained.scorer, report: trained.report)
    }
}

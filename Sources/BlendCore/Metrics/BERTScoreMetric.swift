/// BERTScore of the output against the experiment's reference output, ×100 (the paper's §6
/// column). `score` picks F1 (default), precision or recall; `model` is the encoder (a model
/// directory the runner's encoder provider opens), `layer` the hidden layer whose token vectors
/// are matched (bert-score's `num_layers`), `idf` weighs tokens by inverse document frequency
/// over the references of the examples being evaluated. No baseline rescaling. Deterministic.
/// Values are cached (when the context has a cache) under the encoder's weights identity, the
/// parameters and the hashes of both texts (and of the idf corpus).
/// Source: Zhang et al. 2020 (BERTScore); LLM-Blender §6 (the paper reports BERTScore F1).
public struct BERTScoreMetric: OutputMetric, EncoderUser, Configurable {
    public static let id = "bertscore"
    public static let version = 1
    public static var reads: ExampleInputs { [.candidates, .references] }

    public enum Score: String, ParameterChoice { case f1, precision, recall }

    public struct Parameters: ComponentParameters {
        public var model = EncoderParameters.defaultModel
        /// The hidden layer whose token vectors are matched (bert-score's `num_layers`).
        public var layer = 6
        public var idf = false
        public var score = Score.f1
        public init() {}
        public func validate() throws { guard layer >= 0 else { throw ParameterError.invalid(key: "layer", message: "must be 0 or more") } }
    }

    public let params: Parameters
    public init(_ params: Parameters = .init()) { self.params = params }

    public var encoderModels: [String] { [params.model] }
    public var label: String { params.score == .f1 ? "BERTScore" : "BERTScore " + params.score.rawValue.prefix(1).uppercased() }
    public var higherIsBetter: Bool { true }

    public func value(of output: EvaluatedOutput, in example: Example, context: ComponentContext) async throws -> Double? {
        guard let referenceName = context.reference, let reference = example.references[referenceName] else { return nil }
        let text: String
        switch output {
        case .candidate(let i): text = example.candidates[i].text
        case .text(let t): text = t
        }
        guard let provider = context.encoders else { throw EncodingError.noEncoder(component: Self.id) }
        let encoder = try await provider.encoder(model: params.model)
        let corpus = params.idf ? context.referenceCorpus : []
        var fields: [String: JSONValue] = [
            "component": identity, "encoder": encoder.identity,
            "candidate": .string(SHA256.hex(text)), "reference": .string(SHA256.hex(reference)),
        ]
        if params.idf { fields["idf_corpus"] = .string(SHA256.hex(corpus.joined(separator: "\u{0}"))) }
        let compute: @Sendable () async throws -> BERTScore.Score = { [layer = params.layer, idf = params.idf] in
            let embeddings = try await encoder.tokenEmbeddings([text, reference], layer: layer)
            let weights = idf ? BERTScore.IDF(references: try await encoder.tokenIDs(corpus)) : nil
            return BERTScore.score(candidate: embeddings[0], reference: embeddings[1], idf: weights)
        }
        let result: BERTScore.Score
        if let cache = context.cache {
            result = try await cache.value(stage: "metric", component: Self.id, fields: .object(fields), compute: compute)
        } else {
            result = try await compute()
        }
        switch params.score {
        case .precision: return 100 * result.precision
        case .recall: return 100 * result.recall
        case .f1: return 100 * result.f1
        }
    }
}

/// BERTScore of the output against the experiment's reference output, ×100 (the paper's §6
/// column). `score` picks F1 (default), precision or recall; `model` is the encoder (a model
/// directory the runner's encoder provider opens), `layer` the hidden layer whose token vectors
/// are matched (bert-score's `num_layers`), `idf` weighs tokens by inverse document frequency
/// over the references of the examples being evaluated. No baseline rescaling. Deterministic.
/// Values are cached (when the context has a cache) under the encoder's weights identity, the
/// parameters and the hashes of both texts (and of the idf corpus).
/// Source: Zhang et al. 2020 (BERTScore); LLM-Blender §6 (the paper reports BERTScore F1).
public struct BERTScoreMetric: OutputMetric, EncoderUser {
    public static let id = "bertscore"
    public static let version = 1
    public static var reads: ExampleInputs { [.candidates, .references] }

    public var model: String
    public var layer: Int
    public var idf: Bool
    public var score: String
    public var encoderModels: [String] { [model] }

    public init(model: String = "models/all-MiniLM-L6-v2", layer: Int = 6, idf: Bool = false, score: String = "f1") {
        self.model = model
        self.layer = layer
        self.idf = idf
        self.score = score
    }

    public var parameters: JSONValue {
        .object(["model": .string(model), "layer": .int(layer), "idf": .bool(idf), "score": .string(score)])
    }
    public var label: String { score == "f1" ? "BERTScore" : "BERTScore " + score.prefix(1).uppercased() }
    public var higherIsBetter: Bool { true }

    public func value(of output: EvaluatedOutput, in example: Example, context: ComponentContext) async throws -> Double? {
        guard let referenceName = context.reference, let reference = example.references[referenceName] else { return nil }
        let text: String
        switch output {
        case .candidate(let i): text = example.candidates[i].text
        case .text(let t): text = t
        }
        guard let provider = context.encoders else { throw EncodingError.noEncoder(component: Self.id) }
        let encoder = try await provider.encoder(model: model)
        let corpus = idf ? context.referenceCorpus : []
        var fields: [String: JSONValue] = [
            "component": identity, "encoder": encoder.identity,
            "candidate": .string(SHA256.hex(text)), "reference": .string(SHA256.hex(reference)),
        ]
        if idf { fields["idf_corpus"] = .string(SHA256.hex(corpus.joined(separator: "\u{0}"))) }
        let compute: @Sendable () async throws -> BERTScore.Score = { [layer, idf] in
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
        switch score {
        case "precision": return 100 * result.precision
        case "recall": return 100 * result.recall
        default: return 100 * result.f1
        }
    }
}

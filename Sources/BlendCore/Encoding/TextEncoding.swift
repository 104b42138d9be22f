/// A text encoder that components may use (BERTScore, embedding rankers), supplied by the
/// runner or CLI through `ComponentContext.encoders`. The core library defines only this
/// interface; the native implementation lives in BlendModels.
public protocol TextEncoding: Sendable {
    /// What determines the encoder's outputs (model name, weights identity), for cache keys.
    var identity: JSONValue { get }
    /// Hidden states of `layer` (0 = embeddings) for every token of each text.
    func tokenEmbeddings(_ texts: [String], layer: Int) async throws -> [TokenEmbeddings]
    /// Token ids of each text as `tokenEmbeddings` would see them (for idf statistics).
    func tokenIDs(_ texts: [String]) async throws -> [[Int]]
    /// One L2-normalised vector per text.
    func sentenceEmbeddings(_ texts: [String]) async throws -> [[Float]]
    /// Cross-encodes `source` with candidate `a` and, when given, candidate `b` in one input and
    /// returns each segment's pooled final hidden states (cross-encoder rankers).
    func segmentVectors(source: String, a: String, b: String?, tokens: SegmentTokens) async throws -> SegmentVectors
}

extension TextEncoding {
    public func segmentVectors(source: String, a: String, b: String?, tokens: SegmentTokens) async throws -> SegmentVectors {
        throw EncodingError.unsupported(what: "segment encoding", encoder: identity.canonical)
    }
}

/// Opens text encoders by model name or directory (`models/all-MiniLM-L6-v2`).
public protocol TextEncoderProvider: Sendable {
    func encoder(model: String) async throws -> any TextEncoding
    /// The logit that `a` beats `b` for `source` from the pairwise reward model in `model`
    /// (PairRM), `a` shown first; the source and each candidate truncated to the given ids (nil:
    /// the checkpoint's own).
    func pairLogit(model: String, source: String, a: String, b: String, sourceTokens: Int?, candidateTokens: Int?) async throws -> Double
}

extension TextEncoderProvider {
    public func pairLogit(model: String, source: String, a: String, b: String, sourceTokens: Int?, candidateTokens: Int?) async throws -> Double {
        throw EncodingError.unsupported(what: "pairwise reward models", encoder: String(describing: Self.self))
    }
}

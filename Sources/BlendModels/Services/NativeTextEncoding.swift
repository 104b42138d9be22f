import BlendCore

/// `TextEncoding` on a native `EncoderModel`, for components in BlendCore (BERTScore).
public struct NativeTextEncoding: TextEncoding {
    public let model: EncoderModel
    /// Token limit for token embeddings (bert-score uses the tokenizer's model_max_length, 512).
    public var maxLength: Int
    public var batchSize: Int

    public init(model: EncoderModel, maxLength: Int = 512, batchSize: Int = 32) {
        self.model = model
        self.maxLength = maxLength
        self.batchSize = batchSize
    }

    public var identity: JSONValue {
        .object(["model": model.identity, "max_length": .int(maxLength), "sentence_max_length": .int(model.sentenceMaxLength)])
    }

    public func tokenEmbeddings(_ texts: [String], layer: Int) async throws -> [TokenEmbeddings] {
        let v = model.tokenizer.vocabulary
        return try model.tokenStates(texts, layer: layer, batchSize: batchSize, maxLength: maxLength).map { s in
            TokenEmbeddings(ids: s.ids.map(Int.init), special: s.ids.map { $0 == v.cls || $0 == v.sep },
                            vectors: s.vectors, dimension: s.dimension)
        }
    }

    public func tokenIDs(_ texts: [String]) async throws -> [[Int]] {
        texts.map { model.tokenizer.encode($0, maxLength: min(maxLength, model.config.maxPositions)).map(Int.init) }
    }

    public func sentenceEmbeddings(_ texts: [String]) async throws -> [[Float]] {
        try model.embed(texts, batchSize: batchSize, maxLength: model.sentenceMaxLength)
    }

    public func segmentVectors(source: String, a: String, b: String?, tokens: SegmentTokens) async throws -> SegmentVectors {
        let e = try model.encodeSegments(source: source, a: a, b: b, budget: SegmentBudget(source: tokens.source, candidate: tokens.candidate))
        return SegmentVectors(source: e.source, a: e.candidateA, b: e.candidateB)
    }
}

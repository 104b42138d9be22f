/// The contextual embeddings of one text's tokens, as a text encoder produced them.
public struct TokenEmbeddings: Sendable, Hashable, Codable {
    /// Token ids, special tokens included.
    public var ids: [Int]
    /// Whether each token is a special token (`[CLS]`, `[SEP]`), which BERTScore weighs 0.
    public var special: [Bool]
    /// `ids.count × dimension` floats, row-major.
    public var vectors: [Float]
    public var dimension: Int

    public init(ids: [Int], special: [Bool], vectors: [Float], dimension: Int) {
        self.ids = ids
        self.special = special
        self.vectors = vectors
        self.dimension = dimension
    }

    public var count: Int { ids.count }
}

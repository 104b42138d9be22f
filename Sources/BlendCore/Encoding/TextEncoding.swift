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
}

/// Opens text encoders by model name or directory (`models/all-MiniLM-L6-v2`).
public protocol TextEncoderProvider: Sendable {
    func encoder(model: String) async throws -> any TextEncoding
}

/// A key-value cache for component results (the runner backs it with the SQLite store). The
/// key is `stage` plus the canonical JSON of `fields`; `compute` runs only on a miss.
public protocol ValueCache: Sendable {
    func value<V: Codable & Sendable>(stage: String, component: String, fields: JSONValue,
                                      compute: @Sendable () async throws -> V) async throws -> V
}

public enum EncodingError: Error, Equatable, Sendable, CustomStringConvertible {
    case noEncoder(component: String)

    public var description: String {
        switch self {
        case .noEncoder(let component):
            "\(component) needs a text encoder, but none was supplied (run it through blendlab, which provides the native encoder)"
        }
    }
}

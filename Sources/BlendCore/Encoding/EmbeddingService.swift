/// Sentence embeddings from an OpenAI-compatible `/v1/embeddings` endpoint (OpenAI, vLLM, Text
/// Embeddings Inference, llama.cpp's server), supplied by the runner through
/// `ComponentContext.embeddings`. The core library defines only this interface; the runner's
/// implementation caches every vector (key: the backend's address, the model, the dimensions and
/// the text) and batches the texts it has not seen.
public protocol EmbeddingService: Sendable {
    /// One vector per text, in order, as `model` on backend `backend` returns it; `dimensions`
    /// asks for shortened vectors where the model supports it (OpenAI's text-embedding-3).
    func embeddings(backend: String, model: String, dimensions: Int?, texts: [String]) async throws -> [[Float]]
}

/// Where a sentence-embedding component gets its vectors: the native encoder in the model
/// directory `model` (the default), or, with `backend` set, the served model `model` of that
/// backend (`{id: simcls, backend: embed, model: smollm2}`).
public struct SentenceEncoderChoice: Sendable, Hashable {
    public var model: String
    public var backend: String?
    public var dimensions: Int?

    public init(model: String, backend: String? = nil, dimensions: Int? = nil) {
        self.model = model
        self.backend = backend
        self.dimensions = dimensions
    }

    /// The local model directories it reads (none when served).
    public var encoderModels: [String] { backend == nil ? [model] : [] }
    /// The backends it calls (none when native).
    public var backendNames: [String] { backend.map { [$0] } ?? [] }

    /// `backend` requires a model name the server knows; `dimensions` only goes with a backend.
    public static func validate(backend: String?, dimensions: Int?) throws {
        if let backend, backend.isEmpty { throw ParameterError.invalid(key: "backend", message: "must name a backend of the experiment's backends:") }
        guard let dimensions else { return }
        guard backend != nil else { throw ParameterError.invalid(key: "dimensions", message: "only applies to a served encoder; set backend: too") }
        guard dimensions > 0 else { throw ParameterError.invalid(key: "dimensions", message: "must be positive") }
    }

    /// The encoder: native through `context.encoders`, served through `context.embeddings`.
    public func encoder(_ context: ComponentContext, component: String) async throws -> any TextEncoding {
        guard let backend else {
            guard let provider = context.encoders else { throw EncodingError.noEncoder(component: component) }
            return try await provider.encoder(model: model)
        }
        guard let service = context.embeddings else { throw GenerationError.noBackends(component: component) }
        return ServedTextEncoding(service: service, backend: backend, model: model, dimensions: dimensions)
    }
}

/// A text encoder behind an embedding backend: sentence embeddings only, L2-normalised like the
/// native encoder's, so every consumer (cosines, dot products) reads them the same way.
public struct ServedTextEncoding: TextEncoding {
    public let service: any EmbeddingService
    public let backend: String
    public let model: String
    public let dimensions: Int?

    public init(service: any EmbeddingService, backend: String, model: String, dimensions: Int?) {
        self.service = service
        self.backend = backend
        self.model = model
        self.dimensions = dimensions
    }

    public var identity: JSONValue {
        var o: [String: JSONValue] = ["backend": .string(backend), "model": .string(model)]
        if let dimensions { o["dimensions"] = .int(dimensions) }
        return .object(o)
    }

    public func sentenceEmbeddings(_ texts: [String]) async throws -> [[Float]] {
        let vectors = try await service.embeddings(backend: backend, model: model, dimensions: dimensions, texts: texts)
        return vectors.map(Self.normalised)
    }

    public func tokenEmbeddings(_ texts: [String], layer: Int) async throws -> [TokenEmbeddings] {
        throw EncodingError.unsupported(what: "token embeddings (BERTScore)", encoder: "backend '\(backend)' model '\(model)'")
    }

    public func tokenIDs(_ texts: [String]) async throws -> [[Int]] {
        throw EncodingError.unsupported(what: "token ids", encoder: "backend '\(backend)' model '\(model)'")
    }

    static func normalised(_ v: [Float]) -> [Float] {
        var norm: Float = 0
        for x in v { norm += x * x }
        norm = norm.squareRoot()
        return norm > 0 ? v.map { $0 / norm } : v
    }
}

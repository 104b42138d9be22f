/// A component that reads text encoders' weights (embedding and cross-encoder rankers,
/// BERTScore). The runner puts each named encoder's identity (SHA-256 of its weight,
/// tokenizer and config files) into every cache key of the component, so replacing the
/// weights behind a model directory misses exactly the entries that read them.
public protocol EncoderUser {
    /// The model directories the component opens through `ComponentContext.encoders`.
    var encoderModels: [String] { get }
    /// Where the weights come from, for a component whose weights `make models` does not fetch:
    /// `run` stops before computing anything when its model directory is absent, saying this.
    var weightsSource: String? { get }
}

extension EncoderUser {
    public var weightsSource: String? { nil }
}

/// The parameters of a component whose one setting is its sentence encoder (`mbr-embedding`):
/// a native model directory, or with `backend:` a model served by that backend.
public struct EncoderParameters: ComponentParameters, Equatable {
    /// Every encoder component's default: the native all-MiniLM-L6-v2 (`make models` fetches it).
    public static let defaultModel = "models/all-MiniLM-L6-v2"
    public var model = EncoderParameters.defaultModel
    /// A backend of the experiment serving `/v1/embeddings`; then `model` is the served model.
    public var backend: String?
    /// The vector size to ask a served model for (OpenAI's text-embedding-3); its own by default.
    public var dimensions: Int?
    public init() {}

    public func validate() throws { try SentenceEncoderChoice.validate(backend: backend, dimensions: dimensions) }

    public var encoder: SentenceEncoderChoice { SentenceEncoderChoice(model: model, backend: backend, dimensions: dimensions) }

    /// `name` plus what differs from the native default (`mbr-embedding(backend=embed,model=e5)`).
    public func label(_ name: String) -> String {
        var parts: [String] = []
        if let backend { parts.append("backend=\(backend)") }
        if let dimensions { parts.append("dimensions=\(dimensions)") }
        if model != Self.defaultModel || backend != nil { parts.append("model=\(model)") }
        return parts.isEmpty ? name : name + "(" + parts.joined(separator: ",") + ")"
    }
}

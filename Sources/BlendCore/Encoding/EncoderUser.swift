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

/// The parameters of a component whose one setting is its encoder (`mbr-embedding`).
public struct EncoderParameters: ComponentParameters, Equatable {
    /// Every encoder component's default: the native all-MiniLM-L6-v2 (`make models` fetches it).
    public static let defaultModel = "models/all-MiniLM-L6-v2"
    public var model = EncoderParameters.defaultModel
    public init() {}
}

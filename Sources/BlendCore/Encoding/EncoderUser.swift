/// A component that reads text encoders' weights (embedding and cross-encoder rankers,
/// BERTScore). The runner puts each named encoder's identity (SHA-256 of its weight,
/// tokenizer and config files) into every cache key of the component, so replacing the
/// weights behind a model directory misses exactly the entries that read them.
public protocol EncoderUser {
    /// The model directories the component opens through `ComponentContext.encoders`.
    var encoderModels: [String] { get }
}

/// Token counts of one call, as the server reported them.
public struct TokenUsage: Sendable, Hashable, Codable {
    public var promptTokens: Int
    public var completionTokens: Int

    public init(promptTokens: Int, completionTokens: Int) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }
}

/// One token with its character offset in prompt+completion text and its log-probability
/// (nil for the first token, which has no context).
public struct TokenLogprob: Sendable, Hashable, Codable {
    public var text: String
    public var offset: Int
    public var logprob: Double?

    public init(text: String, offset: Int, logprob: Double?) {
        self.text = text
        self.offset = offset
        self.logprob = logprob
    }
}

/// What a backend answered to one `GenerationRequest`.
public struct GenerationResult: Sendable, Hashable, Codable {
    public var text: String
    public var finishReason: String?
    public var usage: TokenUsage
    /// Wall-clock seconds of the call that produced it (0 never; a cached result keeps the original).
    public var seconds: Double
    /// With `echoLogprobs`: the prompt's and completion's tokens.
    public var tokens: [TokenLogprob]?

    public init(text: String, finishReason: String?, usage: TokenUsage, seconds: Double, tokens: [TokenLogprob]? = nil) {
        self.text = text
        self.finishReason = finishReason
        self.usage = usage
        self.seconds = seconds
        self.tokens = tokens
    }
}

/// Language model access for components. BlendCore only defines it; the runner supplies an
/// implementation (HTTP backends behind the SQLite cache), so components stay free of I/O.
public protocol TextGeneration: Sendable {
    func generate(_ request: GenerationRequest) async throws -> GenerationResult
}

/// A component that calls language model backends; the runner puts the backends' identities
/// (address, not key) into the component's stage cache keys.
public protocol BackendUser {
    var backendNames: [String] { get }
    /// Whether the keys carry the (empty) backends of a component that calls none, when the
    /// experiment has backends: true for the components that were backend users before served
    /// embeddings (their keys stay as they were), false for those that call a backend only
    /// when `backend:` is set (simcls, mbr-embedding), whose native keys stay as they were.
    var keysEmptyBackends: Bool { get }
}

extension BackendUser {
    public var keysEmptyBackends: Bool { true }
}

/// The backend components' defaults: the experiment file's backend named `local` serving `smollm2`
/// (what `make llm-server` starts).
public enum BackendDefaults {
    public static let backend = "local"
    public static let model = "smollm2"
}

public enum GenerationError: BlendlabError, Sendable, CustomStringConvertible {
    /// A component needs backends, and the run has none.
    case noBackends(component: String)
    case unparseable(component: String, reason: String)

    public var description: String {
        switch self {
        case .noBackends(let c): "\(c) calls a language model, but this run has no backends; add a 'backends:' section to the experiment file"
        case .unparseable(let c, let reason): "\(c): \(reason)"
        }
    }
}

/// How a component sends its prompt: `chat` as one user message, `completion` as plain text.
public enum PromptMode: String, ParameterChoice { case chat, completion }

/// One message of a chat prompt (`system`, `user`, `assistant`).
public struct ChatMessage: Sendable, Hashable, Codable {
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }
}

/// Sampling settings of one call, as OpenAI-compatible servers take them. Every field is part of
/// the cache key.
public struct Sampling: Sendable, Hashable, FlatParameterGroup {
    public var temperature: Double
    public var topP: Double
    public var maxTokens: Int
    public var stop: [String]
    /// The server-side sampling seed; nil sends none.
    public var seed: Int?

    public init(temperature: Double = 0, topP: Double = 1, maxTokens: Int = 128, stop: [String] = [], seed: Int? = nil) {
        self.temperature = temperature
        self.topP = topP
        self.maxTokens = maxTokens
        self.stop = stop
        self.seed = seed
    }

    enum CodingKeys: String, CodingKey { case temperature, stop, seed, topP = "top_p", maxTokens = "max_tokens" }

    /// Every field, `seed` as null when none is sent (the form cache keys have always used).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(temperature, forKey: .temperature)
        try c.encode(topP, forKey: .topP)
        try c.encode(maxTokens, forKey: .maxTokens)
        try c.encode(stop, forKey: .stop)
        try c.encode(seed, forKey: .seed)
    }

    public var json: JSONValue { JSONValue.encoding(self) }

    /// Range checks, naming the experiment file's key.
    public func validate() throws {
        guard temperature >= 0 else { throw ParameterError.invalid(key: "temperature", message: "must be zero or positive") }
        guard topP > 0, topP <= 1 else { throw ParameterError.invalid(key: "top_p", message: "must be in (0, 1]") }
        guard maxTokens >= 1 else { throw ParameterError.invalid(key: "max_tokens", message: "must be at least 1") }
        if let seed, seed < 0 { throw ParameterError.invalid(key: "seed", message: "must be 0 or more (leave it out to send none)") }
    }
}

/// One call to a language model backend, named by the experiment file's backend name.
public struct GenerationRequest: Sendable, Hashable, Codable {
    public enum Prompt: Sendable, Hashable, Codable {
        /// `/v1/chat/completions` with these messages.
        case chat([ChatMessage])
        /// `/v1/completions` with this prompt.
        case completion(String)
    }

    /// The backend's name in the experiment file (`local`).
    public var backend: String
    public var model: String
    public var prompt: Prompt
    public var sampling: Sampling
    /// Completions only: ask for the log-probability of every token, the prompt's included (`echo`).
    public var echoLogprobs: Bool
    /// Which sample this is when a component draws several for the same prompt (0, 1, ...).
    public var sample: Int
    /// The component that makes the call, for usage accounting (`llm-judge`).
    public var purpose: String

    public init(backend: String, model: String, prompt: Prompt, sampling: Sampling, echoLogprobs: Bool = false,
                sample: Int = 0, purpose: String) {
        self.backend = backend
        self.model = model
        self.prompt = prompt
        self.sampling = sampling
        self.echoLogprobs = echoLogprobs
        self.sample = sample
        self.purpose = purpose
    }

    /// The request as cache-key data: everything sent except the backend's address and key,
    /// which the service adds (address) or never records (key).
    public var keyFields: JSONValue {
        var fields: [String: JSONValue] = ["model": .string(model), "sampling": sampling.json,
                                           "echo_logprobs": .bool(echoLogprobs), "sample": .int(sample)]
        switch prompt {
        case .chat(let messages):
            fields["messages"] = .array(messages.map { .object(["role": .string($0.role), "content": .string($0.content)]) })
        case .completion(let text): fields["prompt"] = .string(text)
        }
        return .object(fields)
    }
}

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
public struct Sampling: Sendable, Hashable, Codable {
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

    /// Reads `temperature`, `top_p`, `max_tokens`, `stop` (a string or a list) and `seed`.
    public static func read(_ r: inout ParameterReader, defaults: Sampling) throws -> Sampling {
        let temperature = try r.double("temperature", default: defaults.temperature)
        let topP = try r.double("top_p", default: defaults.topP)
        let maxTokens = try r.int("max_tokens", default: defaults.maxTokens)
        guard temperature >= 0 else { throw ParameterError.invalid(key: "temperature", message: "must be zero or positive") }
        guard topP > 0, topP <= 1 else { throw ParameterError.invalid(key: "top_p", message: "must be in (0, 1]") }
        guard maxTokens >= 1 else { throw ParameterError.invalid(key: "max_tokens", message: "must be at least 1") }
        let stop = try r.stringList("stop", default: defaults.stop)
        let seed = try r.int("seed", default: defaults.seed ?? -1)
        return Sampling(temperature: temperature, topP: topP, maxTokens: maxTokens, stop: stop, seed: seed < 0 ? nil : seed)
    }

    public var json: JSONValue {
        .object(["temperature": .double(temperature), "top_p": .double(topP), "max_tokens": .int(maxTokens),
                 "stop": .array(stop.map(JSONValue.string)), "seed": seed.map(JSONValue.int) ?? .null])
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

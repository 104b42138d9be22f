import BlendBackends
import BlendCore

/// One entry of an experiment file's `backends:` mapping: an OpenAI-compatible server.
///
///     backends:
///       local:
///         base_url: http://127.0.0.1:8088/v1   # required
///         api_key_env: OPENAI_API_KEY           # optional: the variable holding the key
///         concurrency: 1                        # calls in flight at once
///         timeout: 120                          # seconds per request
///         retries: 4                            # on connection errors, timeouts, 429, 5xx
///         backoff: 0.5                          # first retry delay, doubled per retry, with jitter
///         prices: {smollm2: {prompt: 0.15, completion: 0.6}}   # optional, USD per million tokens
///         model: smollm2                        # optional: the model of every component that
///                                               # calls this backend and names no model itself
///         embedding_batch: 32                   # inputs per /v1/embeddings request
///
/// With `model:` set, switching every LLM component of an experiment to another server is one
/// line: `llm: {base_url: https://api.openai.com/v1, api_key_env: OPENAI_API_KEY, model: gpt-4o-mini}`.
public struct BackendSpec: Sendable {
    public struct Price: Sendable, Hashable {
        public var prompt: Double
        public var completion: Double

        public init(prompt: Double, completion: Double) {
            self.prompt = prompt
            self.completion = completion
        }
    }

    public var config: BackendConfig
    public var prices: [String: Price]
    /// The default model of components calling this backend (`model:`), or nil.
    public var model: String? = nil
    /// Inputs per `/v1/embeddings` request (`embedding_batch:`); not in the spec hash (it
    /// changes no result).
    public var embeddingBatch = 32

    static func decode(_ r: inout SpecReader, name: String) throws -> BackendSpec {
        try r.allow(["base_url", "api_key_env", "concurrency", "timeout", "retries", "backoff", "prices", "model", "embedding_batch"])
        let url = try r.requiredString("base_url")
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw r.error("base_url", "must be an http(s) URL such as http://127.0.0.1:8088/v1")
        }
        let concurrency = try r.int("concurrency") ?? 1
        guard (1...64).contains(concurrency) else { throw r.error("concurrency", "must be between 1 and 64") }
        let timeout = try number(&r, "timeout") ?? 120
        guard timeout > 0 else { throw r.error("timeout", "must be positive (seconds)") }
        let retries = try r.int("retries") ?? 4
        guard (0...10).contains(retries) else { throw r.error("retries", "must be between 0 and 10") }
        let backoff = try number(&r, "backoff") ?? 0.5
        guard backoff >= 0 else { throw r.error("backoff", "must be zero or positive (seconds)") }
        var prices: [String: Price] = [:]
        var pricesReader = try r.reader("prices")
        for model in pricesReader.object.keys.sorted() {
            var p = try pricesReader.reader(model)
            try p.allow(["prompt", "completion"])
            prices[model] = Price(prompt: try number(&p, "prompt") ?? 0, completion: try number(&p, "completion") ?? 0)
            try p.finish()
        }
        let config = BackendConfig(name: name, baseURL: url, apiKeyEnv: try r.string("api_key_env"), concurrency: concurrency,
                                   timeout: timeout, retries: retries, backoff: backoff)
        let model = try r.string("model")
        if let model, model.isEmpty { throw r.error("model", "must not be empty") }
        let batch = try r.int("embedding_batch") ?? 32
        guard (1...2048).contains(batch) else { throw r.error("embedding_batch", "must be between 1 and 2048 inputs per request") }
        try r.finish()
        return BackendSpec(config: config, prices: prices, model: model, embeddingBatch: batch)
    }

    private static func number(_ r: inout SpecReader, _ key: String) throws -> Double? {
        switch r.raw(key) {
        case nil: return nil
        case .int(let i)?: return Double(i)
        case .double(let d)?: return d
        case let other?: throw r.error(key, "must be a number, found \(other.typeName)")
        }
    }

    /// The resolved form for the spec hash: the variable's name, never a key.
    var json: JSONValue {
        guard let model, case .object(var o) = plainJSON else { return plainJSON }
        o["model"] = .string(model)   // only when set, so existing spec hashes stay as they were
        return .object(o)
    }

    private var plainJSON: JSONValue {
        .object([
            "base_url": .string(config.baseURL), "api_key_env": config.apiKeyEnv.map(JSONValue.string) ?? .null,
            "concurrency": .int(config.concurrency), "timeout": .double(config.timeout), "retries": .int(config.retries),
            "backoff": .double(config.backoff),
            "prices": .object(prices.mapValues { .object(["prompt": .double($0.prompt), "completion": .double($0.completion)]) }),
        ])
    }
}

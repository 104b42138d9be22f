import BlendCore

/// How to reach one OpenAI-compatible server and how hard to try. The API key itself is never
/// stored here: only the name of the environment variable that holds it.
public struct BackendConfig: Sendable, Hashable {
    /// The name the experiment file gives it (`local`).
    public var name: String
    /// Up to and including `/v1` (`http://127.0.0.1:8088/v1`).
    public var baseURL: String
    /// The environment variable holding the API key, if the server needs one.
    public var apiKeyEnv: String?
    /// At most this many calls in flight at once.
    public var concurrency: Int
    /// Seconds before one request is abandoned (and retried).
    public var timeout: Double
    /// Retries after the first attempt on connection errors, timeouts, 429 and 5xx.
    public var retries: Int
    /// The first backoff delay in seconds; it doubles per retry, with jitter, capped at 30 s.
    public var backoff: Double

    public init(name: String, baseURL: String, apiKeyEnv: String? = nil, concurrency: Int = 1, timeout: Double = 120,
                retries: Int = 4, backoff: Double = 0.5) {
        self.name = name
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.apiKeyEnv = apiKeyEnv
        self.concurrency = concurrency
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
    }

    /// What identifies the backend in cache keys: its address only (never the key).
    public var identity: JSONValue { .object(["base_url": .string(baseURL)]) }
}

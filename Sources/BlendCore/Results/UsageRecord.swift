/// Backend use of one component with one model in one run: calls made live and served from the
/// cache, tokens (as the server reported them), latency, and cost where prices are configured.
public struct UsageRecord: Sendable, Codable, Equatable {
    /// The calling component (`llm-judge`, `llm-generate:smollm2`).
    public var component: String
    public var backend: String
    public var model: String
    /// Calls sent to the server in this run.
    public var calls: Int
    /// Calls answered from the cache (their tokens are counted in the `cached*` fields).
    public var cachedCalls: Int
    public var promptTokens: Int
    public var completionTokens: Int
    public var cachedPromptTokens: Int
    public var cachedCompletionTokens: Int
    /// Sum of the live calls' wall-clock seconds.
    public var seconds: Double
    /// USD for the live calls' tokens at the experiment file's prices; nil without prices.
    public var cost: Double?

    public init(component: String, backend: String, model: String, calls: Int = 0, cachedCalls: Int = 0, promptTokens: Int = 0,
                completionTokens: Int = 0, cachedPromptTokens: Int = 0, cachedCompletionTokens: Int = 0, seconds: Double = 0,
                cost: Double? = nil) {
        self.component = component
        self.backend = backend
        self.model = model
        self.calls = calls
        self.cachedCalls = cachedCalls
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.cachedPromptTokens = cachedPromptTokens
        self.cachedCompletionTokens = cachedCompletionTokens
        self.seconds = seconds
        self.cost = cost
    }
}

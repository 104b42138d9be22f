/// Generates a candidate answer live from a backend instead of loading it: the example's
/// source text as one chat user message (`mode: chat`), or `template` with `{instruction}`
/// replaced as a plain prompt (`mode: completion`, for base models). The candidate is named
/// `name` (default: the model). Sample index and seed are in the cache key, so `samples: n`
/// draws n distinct candidates `name#1..n` (with temperature > 0). Deterministic per seed on
/// a deterministic backend. Provenance: the paper's candidates came from 11 open LLMs
/// (MixInstruct, digest section 5); here they come from whichever servers the experiment names.
public struct LLMGenerator: Component, BackendUser, Configurable {
    public static let id = "llm-generate"
    public static let version = 1
    public static let reads: ExampleInputs = [.source]

    public struct Parameters: ComponentParameters {
        /// The candidates' model name (default: `model`).
        public var name: String?
        public var backend = BackendDefaults.backend
        public var model = BackendDefaults.model
        public var mode = PromptMode.chat
        /// Completion mode's prompt; `{instruction}` is replaced by the example's source text.
        public var template = "Instruction: {instruction}\nResponse:"
        public var samples = 1
        public var sampling = Sampling(temperature: 0.7, maxTokens: 128, seed: 1)
        public init() {}

        public func validate() throws {
            guard (1...16).contains(samples) else { throw ParameterError.invalid(key: "samples", message: "must be between 1 and 16") }
            try sampling.validate()
        }
    }

    public let params: Parameters
    public init(_ params: Parameters = .init()) { self.params = params }

    /// The candidates' model name.
    public var name: String { params.name ?? params.model }
    public var backendNames: [String] { [params.backend] }
    /// `model@backend` and the setting that tells rows apart; the full parameters are in result.json.
    public var displayName: String { "llm-generate(\(name): \(params.model)@\(params.backend))" }
    /// The name resolved (the model's when not given).
    public var parameters: JSONValue {
        guard case .object(var o) = params.json else { return params.json }
        o["name"] = .string(name)
        return .object(o)
    }

    /// The candidate names this generator produces, in order.
    public var candidateNames: [ModelName] {
        params.samples == 1 ? [ModelName(name)] : (1...params.samples).map { ModelName("\(name)#\($0)") }
    }

    /// Sample `sample` (0-based) of the answer to `example`.
    public func generate(_ example: Example, sample: Int, context: ComponentContext) async throws -> GenerationResult {
        let prompt: GenerationRequest.Prompt = params.mode == .chat
            ? .chat([ChatMessage(role: "user", content: example.source)])
            : .completion(params.template.replacingAll("{instruction}", with: example.source))
        var settings = params.sampling
        if let seed = settings.seed { settings.seed = seed + sample }
        return try await context.backends(for: Self.id).generate(GenerationRequest(
            backend: params.backend, model: params.model, prompt: prompt, sampling: settings, sample: sample, purpose: "\(Self.id):\(name)"))
    }
}

/// Generates a candidate answer live from a backend instead of loading it: the example's
/// source text as one chat user message (`mode: chat`), or `template` with `{instruction}`
/// replaced as a plain prompt (`mode: completion`, for base models). The candidate is named
/// `name` (default: the model). Sample index and seed are in the cache key, so `samples: n`
/// draws n distinct candidates `name#1..n` (with temperature > 0). Deterministic per seed on
/// a deterministic backend. Provenance: the paper's candidates came from 11 open LLMs
/// (MixInstruct, digest section 5); here they come from whichever servers the experiment names.
public struct LLMGenerator: Component, BackendUser {
    public static let id = "llm-generate"
    public static let version = 1
    public static let reads: ExampleInputs = [.source]
    public let name: String
    public let backend: String
    public let model: String
    public let mode: String
    public let template: String
    public let samples: Int
    public let sampling: Sampling

    public var backendNames: [String] { [backend] }
    /// `model@backend` and the setting that tells rows apart; the full parameters are in result.json.
    public var displayName: String { "llm-generate(\(name): \(model)@\(backend))" }
    public var parameters: JSONValue {
        .object(["name": .string(name), "backend": .string(backend), "model": .string(model), "mode": .string(mode),
                 "template": .string(template), "samples": .int(samples), "sampling": sampling.json])
    }

    public static let defaultTemplate = "Instruction: {instruction}\nResponse:"

    public init(name: String, backend: String, model: String, mode: String = "chat", template: String = LLMGenerator.defaultTemplate,
                samples: Int = 1, sampling: Sampling = Sampling(temperature: 0.7, maxTokens: 128, seed: 1)) {
        self.name = name
        self.backend = backend
        self.model = model
        self.mode = mode
        self.template = template
        self.samples = samples
        self.sampling = sampling
    }

    public static func read(_ r: inout ParameterReader) throws -> LLMGenerator {
        let backend = try r.string("backend", default: "local"), model = try r.string("model", default: "smollm2")
        let name = try r.string("name", default: model)
        let mode = try r.choice("mode", ["chat", "completion"], default: "chat")
        let template = try r.string("template", default: defaultTemplate)
        let samples = try r.int("samples", default: 1)
        guard (1...16).contains(samples) else { throw ParameterError.invalid(key: "samples", message: "must be between 1 and 16") }
        let sampling = try Sampling.read(&r, defaults: Sampling(temperature: 0.7, maxTokens: 128, seed: 1))
        return LLMGenerator(name: name, backend: backend, model: model, mode: mode, template: template, samples: samples, sampling: sampling)
    }

    /// The candidate names this generator produces, in order.
    public var candidateNames: [ModelName] {
        samples == 1 ? [ModelName(name)] : (1...samples).map { ModelName("\(name)#\($0)") }
    }

    /// Sample `sample` (0-based) of the answer to `example`.
    public func generate(_ example: Example, sample: Int, context: ComponentContext) async throws -> GenerationResult {
        let prompt: GenerationRequest.Prompt = mode == "chat"
            ? .chat([ChatMessage(role: "user", content: example.source)])
            : .completion(template.replacingAll("{instruction}", with: example.source))
        var settings = sampling
        if let seed = settings.seed { settings.seed = seed + sample }
        return try await context.backends(for: Self.id).generate(GenerationRequest(
            backend: backend, model: model, prompt: prompt, sampling: settings, sample: sample, purpose: "\(Self.id):\(name)"))
    }
}

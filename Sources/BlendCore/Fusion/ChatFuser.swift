/// Fusion by an instruction-tuned chat model: one user message with the instruction and the
/// top-K candidates (best first, as ranked), asking for one better answer:
///
///     {source}
///
///     Here are {K} candidate answers, best first:
///     Candidate 1: {c1}
///     ...
///     Write one answer to the instruction that combines the strengths of the candidates and
///     fixes their mistakes. Output only the answer.
///
/// A chat-model counterpart of the paper's GenFuser (digest section 4) for servers without a
/// fine-tuned fuser. Deterministic at temperature 0 on a deterministic backend.
public struct ChatFuser: Fuser {
    public static let id = "chat-fuser"
    public static let version = 1
    public let backend: String
    public let model: String
    public let sampling: Sampling

    public var backendNames: [String] { [backend] }
    /// `model@backend` and the setting that tells rows apart; the full parameters are in result.json.
    public var displayName: String { "chat-fuser(\(model)@\(backend))" }
    public var parameters: JSONValue { .object(["backend": .string(backend), "model": .string(model), "sampling": sampling.json]) }

    public init(backend: String, model: String, sampling: Sampling = Sampling(temperature: 0, maxTokens: 160)) {
        self.backend = backend
        self.model = model
        self.sampling = sampling
    }

    public static func read(_ r: inout ParameterReader) throws -> ChatFuser {
        let backend = try r.string("backend", default: "local"), model = try r.string("model", default: "smollm2")
        return ChatFuser(backend: backend, model: model, sampling: try Sampling.read(&r, defaults: Sampling(temperature: 0, maxTokens: 160)))
    }

    public static func message(source: String, candidates: [String]) -> String {
        var text = source + "\n\nHere are \(candidates.count) candidate answers, best first:\n"
        for (i, c) in candidates.enumerated() { text += "Candidate \(i + 1): \(c)\n" }
        return text + "Write one answer to the instruction that combines the strengths of the candidates and fixes their mistakes. Output only the answer."
    }

    public func fuse(_ example: Example, ranked: [Int], context: ComponentContext) async throws -> String {
        let content = Self.message(source: example.source, candidates: ranked.map { example.candidates[$0].text })
        let result = try await context.backends(for: Self.id).generate(GenerationRequest(
            backend: backend, model: model, prompt: .chat([ChatMessage(role: "user", content: content)]), sampling: sampling, purpose: Self.id))
        return result.text.trimmingWhitespace()
    }
}

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
///
/// `prompt_chars` (default 3500; 0 = no cut) is the character budget of all K candidates
/// together, split evenly: each candidate is cut to its first floor(prompt_chars / K) characters
/// (at least 1; trailing white space dropped, "..." appended). It keeps the prompt inside a small
/// model's context at every K: 14 AlpacaEval candidates average about 11,800 characters (about
/// 3,000 SmolLM2 tokens), past SmolLM2's 2,048-token window. Measured with SmolLM2's tokenizer
/// on all 405 AlpacaEval instructions at K = 14: 3,500 characters give at most 1,689 prompt
/// tokens (mean 914), leaving room for the default 160 answer tokens; 5,000 reach 2,370.
/// Characters, not words: word budgets overflow on code and unspaced text (900 words reached
/// 2,980 tokens).
public struct ChatFuser: Fuser, Configurable {
    public static let id = "chat-fuser"
    public static let version = 1

    public struct Parameters: ComponentParameters {
        public var backend = BackendDefaults.backend
        public var model = BackendDefaults.model
        public var sampling = Sampling(temperature: 0, maxTokens: 160)
        /// The character budget of all candidates together (0 = no cut); see the type's documentation.
        public var promptChars = 3500
        public init() {}

        enum CodingKeys: String, CodingKey { case backend, model, sampling, promptChars = "prompt_chars" }

        public func validate() throws {
            guard promptChars >= 0 else { throw ParameterError.invalid(key: "prompt_chars", message: "must be 0 (no cut) or more") }
            try sampling.validate()
        }
    }

    public let params: Parameters
    public init(_ params: Parameters = .init()) { self.params = params }

    public var backendNames: [String] { [params.backend] }
    /// `model@backend` and the setting that tells rows apart; the full parameters are in result.json.
    public var displayName: String { "chat-fuser(\(params.model)@\(params.backend))" }

    /// The user message; with `promptChars` > 0 each candidate is cut to its share of the budget.
    public static func message(source: String, candidates: [String], promptChars: Int = 0) -> String {
        let share = promptChars > 0 && !candidates.isEmpty ? max(1, promptChars / candidates.count) : 0
        var text = source + "\n\nHere are \(candidates.count) candidate answers, best first:\n"
        for (i, c) in candidates.enumerated() { text += "Candidate \(i + 1): \(cut(c, chars: share))\n" }
        return text + "Write one answer to the instruction that combines the strengths of the candidates and fixes their mistakes. Output only the answer."
    }

    /// `text` cut to its first `chars` characters (trailing white space dropped, "..." appended),
    /// or unchanged when it is no longer or `chars` is 0.
    static func cut(_ text: String, chars: Int) -> String {
        guard chars > 0, text.count > chars else { return text }
        var head = String(text.prefix(chars))
        while let last = head.last, last.isWhitespace { head.removeLast() }
        return head + "..."
    }

    public func fuse(_ example: Example, ranked: [Int], context: ComponentContext) async throws -> String {
        let content = Self.message(source: example.source, candidates: ranked.map { example.candidates[$0].text }, promptChars: params.promptChars)
        let result = try await context.backends(for: Self.id).generate(GenerationRequest(
            backend: params.backend, model: params.model, prompt: .chat([ChatMessage(role: "user", content: content)]), sampling: params.sampling, purpose: Self.id))
        return result.text.trimmingWhitespace()
    }
}

/// The paper's GenFuser input, verbatim (digest section 4; `blender_utils.GenFuserDataset`):
///
///     Instruction: {instruction}</s>Input: {input}</s>Candidate 0: <extra_id_0>:{c0}</s>...
///     Candidate K-1: <extra_id_K-1>:{cK-1}</s>Summarize candidates into a better one for the given instruction:
///
/// sent as a plain prompt to `/v1/completions` of any causal LM (the paper used a fine-tuned
/// Flan-T5; none is available locally, so this measures the prompt with a general LM). The
/// candidates come in rank order, best first; each is cut to `candidate_words` words with
/// "..." appended when cut (the paper cuts at 128 T5 tokens). Deterministic at temperature 0.
public struct GenFuserPromptFuser: Fuser {
    public static let id = "genfuser-prompt"
    public static let version = 1
    public let backend: String
    public let model: String
    public let candidateWords: Int
    public let sampling: Sampling

    public var backendNames: [String] { [backend] }
    /// `model@backend` and the setting that tells rows apart; the full parameters are in result.json.
    public var displayName: String { "genfuser-prompt(\(model)@\(backend))" }
    public var parameters: JSONValue {
        .object(["backend": .string(backend), "model": .string(model), "candidate_words": .int(candidateWords), "sampling": sampling.json])
    }

    public init(backend: String, model: String, candidateWords: Int = 128, sampling: Sampling = Sampling(temperature: 0, maxTokens: 128)) {
        self.backend = backend
        self.model = model
        self.candidateWords = candidateWords
        self.sampling = sampling
    }

    public static func read(_ r: inout ParameterReader) throws -> GenFuserPromptFuser {
        let backend = try r.string("backend", default: "local"), model = try r.string("model", default: "smollm2")
        let words = try r.int("candidate_words", default: 128)
        guard words >= 1 else { throw ParameterError.invalid(key: "candidate_words", message: "must be at least 1") }
        return GenFuserPromptFuser(backend: backend, model: model, candidateWords: words,
                                   sampling: try Sampling.read(&r, defaults: Sampling(temperature: 0, maxTokens: 128)))
    }

    /// The exact input string of the paper's GenFuser for `candidates` (best first).
    public static func prompt(instruction: String, input: String, candidates: [String], words: Int) -> String {
        var text = "Instruction: \(instruction)</s>Input: \(input)</s>"
        for (i, c) in candidates.enumerated() {
            let parts = c.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
            let cut = parts.count > words ? parts.prefix(words).joined(separator: " ") + "..." : c
            text += "Candidate \(i): <extra_id_\(i)>:\(cut)</s>"
        }
        return text + "Summarize candidates into a better one for the given instruction:"
    }

    public func fuse(_ example: Example, ranked: [Int], context: ComponentContext) async throws -> String {
        let prompt = Self.prompt(instruction: example.instruction, input: example.input,
                                 candidates: ranked.map { example.candidates[$0].text }, words: candidateWords)
        let result = try await context.backends(for: Self.id).generate(GenerationRequest(
            backend: backend, model: model, prompt: .completion(prompt), sampling: sampling, purpose: Self.id))
        return result.text.trimmingWhitespace()
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}

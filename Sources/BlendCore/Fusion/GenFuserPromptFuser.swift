/// The paper's GenFuser input, verbatim (digest section 4; `blender_utils.GenFuserDataset`):
///
///     Instruction: {instruction}</s>Input: {input}</s>Candidate 0: <extra_id_0>:{c0}</s>...
///     Candidate K-1: <extra_id_K-1>:{cK-1}</s>Summarize candidates into a better one for the given instruction:
///
/// sent as a plain prompt to `/v1/completions` of any causal LM (the paper used a fine-tuned
/// Flan-T5; none is available locally, so this measures the prompt with a general LM). The
/// candidates come in rank order, best first; each is cut to `candidate_words` words with
/// "..." appended when cut (the paper cuts at 128 T5 tokens). Deterministic at temperature 0.
public struct GenFuserPromptFuser: Fuser, Configurable {
    public static let id = "genfuser-prompt"
    public static let version = 1

    public struct Parameters: ComponentParameters {
        public var backend = BackendDefaults.backend
        public var model = BackendDefaults.model
        /// Each candidate's first this many words (the paper's cut).
        public var candidateWords = 128
        public var sampling = Sampling(temperature: 0, maxTokens: 128)
        public init() {}

        enum CodingKeys: String, CodingKey { case backend, model, sampling, candidateWords = "candidate_words" }

        public func validate() throws {
            guard candidateWords >= 1 else { throw ParameterError.invalid(key: "candidate_words", message: "must be at least 1") }
            try sampling.validate()
        }
    }

    public let params: Parameters
    public init(_ params: Parameters = .init()) { self.params = params }

    public var backendNames: [String] { [params.backend] }
    /// `model@backend` and the setting that tells rows apart; the full parameters are in result.json.
    public var displayName: String { "genfuser-prompt(\(params.model)@\(params.backend))" }

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
                                 candidates: ranked.map { example.candidates[$0].text }, words: params.candidateWords)
        let result = try await context.backends(for: Self.id).generate(GenerationRequest(
            backend: params.backend, model: params.model, prompt: .completion(prompt), sampling: params.sampling, purpose: Self.id))
        return result.text.trimmingWhitespace()
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}

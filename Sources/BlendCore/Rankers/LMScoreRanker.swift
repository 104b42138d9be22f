/// LM-scoring: a candidate's score is the mean log-probability of its tokens under a causal LM,
/// given the instruction, (1/|y|) * sum_t log p(y_t | prompt, y_<t). Higher is better.
///
/// The backend's `/v1/completions` is asked for `prompt + candidate` with `echo: true`,
/// `logprobs: 1` and `max_tokens: 1` (llama-cpp-python 0.3.36 returns `tokens`, `text_offset`
/// in characters and `token_logprobs`, and needs `logits_all`); the tokens overlapping the
/// candidate part are averaged (the one generated token is ignored). The prompt is
/// `template` with `{instruction}` replaced by the example's source text. An empty candidate
/// scores -1e9. Deterministic. Provenance: the paper's MLM-scoring baseline (digest
/// section 3), with a causal LM in place of the masked LM, which no local model offers.
public struct LMScoreRanker: PointwiseRanker, BackendUser, Configurable {
    public static let id = "lm-score"
    public static let version = 1

    public struct Parameters: ComponentParameters {
        public var backend = BackendDefaults.backend
        public var model = BackendDefaults.model
        public var template = "Instruction: {instruction}\nResponse: "
        public init() {}

        public func validate() throws {
            guard template.contains("{instruction}") else { throw ParameterError.invalid(key: "template", message: "must contain {instruction}") }
        }
    }

    public let params: Parameters
    public init(_ params: Parameters = .init()) { self.params = params }

    public var backendNames: [String] { [params.backend] }
    /// `model@backend` and the setting that tells rows apart; the full parameters are in result.json.
    public var displayName: String { "lm-score(\(params.model)@\(params.backend))" }

    public func scores(for example: Example, context: ComponentContext) async throws -> [Double] {
        let service = try context.backends(for: Self.id)
        let prompt = params.template.replacingAll("{instruction}", with: example.source)
        var scores: [Double] = []
        for candidate in example.candidates {
            guard !candidate.text.isEmpty else { scores.append(-1e9); continue }
            let result = try await service.generate(GenerationRequest(
                backend: params.backend, model: params.model, prompt: .completion(prompt + candidate.text),
                sampling: Sampling(temperature: 0, maxTokens: 1), echoLogprobs: true, purpose: Self.id))
            guard let tokens = result.tokens else {
                throw GenerationError.unparseable(component: Self.id, reason: "backend '\(params.backend)' returned no token log-probabilities")
            }
            scores.append(Self.meanLogprob(tokens: tokens, from: prompt.count, to: prompt.count + candidate.text.count))
        }
        return scores
    }

    /// The mean log-probability of the tokens that overlap the characters [from, to): a token
    /// at offset o with text t counts when o + |t| > from and o < to, so a token that joins
    /// the prompt's last space to the candidate's first word (" Blue") belongs to the
    /// candidate. -1e9 (finite, so it can be cached as JSON) when there are none.
    public static func meanLogprob(tokens: [TokenLogprob], from: Int, to: Int) -> Double {
        let values = tokens.filter { $0.offset + $0.text.count > from && $0.offset < to }.compactMap(\.logprob)
        guard !values.isEmpty else { return -1e9 }
        return values.reduce(0, +) / Double(values.count)
    }
}

extension String {
    /// Every occurrence of `target` replaced (BlendCore has no Foundation).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}

/// LLM-Blender's released pairwise rankers as a pairwise comparator: PairRM (`llm-blender/PairRM-hf`
/// or `llm-blender/PairRM`, digest 2.2, 2.8) and the paper's PairRanker (`llm-blender/pair-ranker`,
/// digest 2.1): the instruction (+ input) and two candidates in one DeBERTa-v3 input as upstream
/// builds it, truncated to `source_tokens` / `candidate_tokens` (by default the checkpoint's own:
/// 128 / 128 for pair-ranker, 1224 / 412 for PairRM), the head on the three prefix tokens' states. No training: the weights are the released ones. Both orders
/// are computed: logit(i beats j) comes from the pass with i shown first, so the matrix keeps
/// the model's position bias (which the rules' debiasing sees). Deterministic.
public struct PairRMRanker: PairwiseComparator, EncoderUser, Configurable {
    public static let id = "pair-rm"
    public static let version = 1
    public static let reads: ExampleInputs = [.source, .candidates]

    public struct Parameters: ComponentParameters {
        /// A PairRM-hf directory (model.safetensors, config.json, spm.model, added_tokens.json) or
        /// a ranker-config one (pair-ranker, PairRM: config.json naming its backbone).
        public var model = "models/PairRM"
        /// Truncation of the source and of each candidate; nil: the checkpoint's.
        public var sourceTokens: Int?
        public var candidateTokens: Int?
        public init() {}

        enum CodingKeys: String, CodingKey {
            case model
            case sourceTokens = "source_tokens", candidateTokens = "candidate_tokens"
        }

        public func validate() throws {
            guard (sourceTokens ?? 2) >= 2 else { throw ParameterError.invalid(key: "source_tokens", message: "must be at least 2 ([CLS] and [SEP])") }
            guard (candidateTokens ?? 2) >= 2 else { throw ParameterError.invalid(key: "candidate_tokens", message: "must be at least 2 ([CLS] and [SEP])") }
        }
    }

    public let params: Parameters
    public var encoderModels: [String] { [params.model] }
    public var weightsSource: String? {
        "download llm-blender/PairRM-hf (or llm-blender/PairRM, llm-blender/pair-ranker) into \(params.model) (e.g. `huggingface-cli download llm-blender/PairRM-hf --local-dir \(params.model)`)"
    }

    public init(_ params: Parameters = .init()) { self.params = params }

    /// `pair-rm` with the defaults; `tokens=S/C` (`-` for the checkpoint's) and `model=DIR` where they differ.
    public var displayName: String {
        var parts: [String] = []
        if params.sourceTokens != nil || params.candidateTokens != nil {
            parts.append("tokens=\(params.sourceTokens.map(String.init) ?? "-")/\(params.candidateTokens.map(String.init) ?? "-")")
        }
        if params.model != Parameters().model { parts.append("model=\(params.model)") }
        return parts.isEmpty ? Self.id : "\(Self.id)(\(parts.joined(separator: ",")))"
    }

    public func logit(_ example: Example, _ i: Int, _ j: Int, context: ComponentContext) async throws -> Double {
        guard let provider = context.encoders else { throw EncodingError.noEncoder(component: Self.id) }
        return try await provider.pairLogit(model: params.model, source: example.source, a: example.candidates[i].text,
                                            b: example.candidates[j].text,
                                            sourceTokens: params.sourceTokens, candidateTokens: params.candidateTokens)
    }
}

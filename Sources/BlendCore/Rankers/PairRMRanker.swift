/// LLM-Blender's released PairRM (`llm-blender/PairRM-hf`, digest 2.2, 2.8) as a pairwise
/// comparator: the instruction (+ input) and two candidates in one DeBERTa-v3 input, upstream's
/// `tokenize_pair` with `source_tokens` / `candidate_tokens` (1224 / 412 as upstream), the head on
/// the three prefix tokens' states. No training: the weights are the released ones. Both orders
/// are computed: logit(i beats j) comes from the pass with i shown first, so the matrix keeps
/// the model's position bias (which the rules' debiasing sees). Deterministic.
public struct PairRMRanker: PairwiseComparator, EncoderUser, Configurable {
    public static let id = "pair-rm"
    public static let version = 1
    public static let reads: ExampleInputs = [.source, .candidates]

    public struct Parameters: ComponentParameters {
        /// A PairRM-hf directory (model.safetensors, config.json, spm.model, added_tokens.json).
        public var model = "models/PairRM"
        public var sourceTokens = 1224
        public var candidateTokens = 412
        public init() {}

        enum CodingKeys: String, CodingKey {
            case model
            case sourceTokens = "source_tokens", candidateTokens = "candidate_tokens"
        }

        public func validate() throws {
            guard sourceTokens >= 1 else { throw ParameterError.invalid(key: "source_tokens", message: "must be at least 1") }
            guard candidateTokens >= 1 else { throw ParameterError.invalid(key: "candidate_tokens", message: "must be at least 1") }
        }
    }

    public let params: Parameters
    public var encoderModels: [String] { [params.model] }
    public var weightsSource: String? {
        "download llm-blender/PairRM-hf into \(params.model) (e.g. `huggingface-cli download llm-blender/PairRM-hf --local-dir \(params.model)`)"
    }

    public init(_ params: Parameters = .init()) { self.params = params }

    var tokens: SegmentTokens { SegmentTokens(source: params.sourceTokens, candidate: params.candidateTokens) }

    /// `pair-rm` with the defaults; `tokens=S/C` and `model=DIR` where they differ.
    public var displayName: String {
        let defaults = Parameters()
        let name = LengthFeature.name(Self.id, tokens: tokens, defaults: SegmentTokens(source: defaults.sourceTokens, candidate: defaults.candidateTokens),
                                      length: false)
        guard params.model != defaults.model else { return name }
        return name.hasSuffix(")") ? String(name.dropLast()) + ",model=\(params.model))" : name + "(model=\(params.model))"
    }

    public func logit(_ example: Example, _ i: Int, _ j: Int, context: ComponentContext) async throws -> Double {
        guard let provider = context.encoders else { throw EncodingError.noEncoder(component: Self.id) }
        return try await provider.pairLogit(model: params.model, source: example.source, a: example.candidates[i].text,
                                            b: example.candidates[j].text, tokens: tokens)
    }
}

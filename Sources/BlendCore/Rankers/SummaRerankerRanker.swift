/// SummaReranker-style pointwise scorer (digest 3, Ravaut et al. 2022), on the native encoder:
/// the instruction and one candidate are cross-encoded, `[CLS] source [SEP] candidate [SEP]`
/// (truncated to `source_tokens` / `candidate_tokens`), the two segments' final hidden states
/// are mean-pooled and a learned head scores [h_src ; h_cand] (the same head as the PairRanker,
/// so the two differ only in seeing one candidate or two). Trained with binary cross-entropy:
/// label 1 for the candidates with the best oracle score, 0 for the others, every candidate of
/// every training example each epoch (the paper's one-metric case; no mixture of experts).
/// The encoder is frozen and its vectors stored; early stopping on the validation top-1 accuracy.
/// Score = the head's logit. Deterministic for a seed; equal scores tie by candidate order.
public struct SummaRerankerRanker: PointwiseRanker, TrainableRanker, EncoderUser, Configurable {
    public static let id = "summareranker"
    public static let version = 1
    public static let reads: ExampleInputs = [.source, .candidates]

    public struct Parameters: ComponentParameters {
        public var model = EncoderParameters.defaultModel
        public var sourceTokens = 24
        public var candidateTokens = 64
        public var training = TrainingSettings()
        /// Appends log(1 + characters / 100) of the whole candidate to the input (as the PairRanker's).
        public var lengthFeature = false
        public init() {}

        enum CodingKeys: String, CodingKey {
            case model, training
            case sourceTokens = "source_tokens", candidateTokens = "candidate_tokens", lengthFeature = "length_feature"
        }

        public func validate() throws {
            try SegmentTokens.validate(source: sourceTokens, candidate: candidateTokens)
            try training.validate()
        }

        var tokens: SegmentTokens { SegmentTokens(source: sourceTokens, candidate: candidateTokens) }
    }

    public let params: Parameters
    public var weights: TrainedWeights?
    public var encoderModels: [String] { [params.model] }

    public init(_ params: Parameters = .init()) { self.params = params }

    public var displayName: String { LengthFeature.name(Self.id, tokens: params.tokens, defaults: Parameters().tokens, length: params.lengthFeature) }

    public func with(weights: TrainedWeights) -> SummaRerankerRanker {
        var copy = self
        copy.weights = weights
        return copy
    }

    public func scores(for example: Example, context: ComponentContext) async throws -> [Double] {
        guard let head = weights?.head else { throw TrainingError.untrained(component: Self.id) }
        return try await features(example, context: context).map { Double(head.score($0)) }
    }

    /// [h_src ; h_cand] per candidate.
    func features(_ example: Example, context: ComponentContext) async throws -> [[Float]] {
        guard let provider = context.encoders else { throw EncodingError.noEncoder(component: Self.id) }
        let encoder = try await provider.encoder(model: params.model)
        return try await concurrentMap(example.candidates, width: context.concurrency) { [tokens = params.tokens, lengthFeature = params.lengthFeature] c in
            let v = try await encoder.segmentVectors(source: example.source, a: c.text, b: nil, tokens: tokens)
            return lengthFeature ? v.source + v.a + [LengthFeature.value(c.text)] : v.source + v.a
        }
    }

    public func train(on data: TrainingData, context: ComponentContext, log: @escaping @Sendable (String) -> Void) async throws -> TrainedWeights {
        func samples(_ examples: [Example]) async throws -> [(features: [[Float]], ranks: [Int])] {
            var out: [(features: [[Float]], ranks: [Int])] = []
            for (n, e) in examples.enumerated() where e.candidates.count >= 2 {
                out.append((try await features(e, context: context), e.oracleRanks))
                if (n + 1) % 50 == 0 { log("    encoded the candidates of \(n + 1)/\(examples.count) examples") }
            }
            return out
        }
        func labelled(_ s: [(features: [[Float]], ranks: [Int])]) -> [TrainingSample] {
            s.flatMap { ex in zip(ex.features, ex.ranks).map { TrainingSample(left: $0, target: $1 == 1 ? 1 : 0) } }
        }
        let train = labelled(try await samples(data.train))
        let validationExamples = try await samples(data.validation)
        let trained = try await HeadTrainer.train(
            settings: params.training, seed: context.seed, samples: { _ in train }, validation: labelled(validationExamples),
            validationAccuracy: { head in
                let hits = validationExamples.reduce(0.0) { acc, ex in
                    let scores = ex.features.map { Double(head.score($0)) }
                    return acc + (Ranking.order(scores: scores).first.map { ex.ranks[$0] == 1 ? 1 : 0 } ?? 0)
                }
                return validationExamples.isEmpty ? 0 : hits / Double(validationExamples.count)
            },
            counts: (data.train.count, data.validation.count), log: log)
        return TrainedWeights(head: trained.head, report: trained.report)
    }
}

/// The paper's PairRanker (digest 2.1-2.4) on the native encoder: the instruction and two
/// candidates are cross-encoded in one input, `[CLS] source [SEP] a [SEP] b [SEP]` (each
/// segment truncated to `source_tokens` / `candidate_tokens`), each segment's final hidden
/// states are mean-pooled, and a learned head g scores each side:
/// logit(a beats b) = g([h_src ; h_a]) - g([h_src ; h_b]), g = Linear(2H→hidden) → tanh →
/// Linear(hidden→1), shared by both sides (the paper's head with one task).
///
/// Differences from the paper, all forced by 2 CPU cores: the encoder is frozen (MiniLM-L6,
/// H = 384; only the head is trained), so its segment vectors are computed once per input and
/// stored; and one encoder pass serves both orders of a pair: the pass for the unordered pair
/// {i, j} puts the two candidates in a seeded random order, and M[j][i] = -M[i][j]. So a full
/// matrix costs N(N-1)/2 passes, and the comparator has no position bias by construction.
///
/// Training (digest 2.3, 2.4): per training example and epoch, the candidates are
/// de-duplicated by text, all pairs with different oracle scores are shuffled and the first
/// `pairs` (5) kept, each is swapped with probability 0.5, and the loss is the instructgpt
/// loss -log σ(d · logit), d = sign(q_a - q_b) of the oracle scores. Pairs with equal scores
/// are skipped (the paper keeps them; they carry no gradient). AdamW, mini-batches, early
/// stopping on the validation accuracy over a fixed set of `validation_pairs` pairs per validation
/// example, best epoch kept. Deterministic for a seed.
public struct PairRanker: PairwiseComparator, TrainableRanker, EncoderUser, Configurable {
    public static let id = "pair-ranker"
    public static let version = 1
    public static let reads: ExampleInputs = [.source, .candidates]
    public static let isSeeded = true

    public struct Parameters: ComponentParameters {
        public var model = EncoderParameters.defaultModel
        public var sourceTokens = 24
        public var candidateTokens = 64
        public var training = TrainingSettings()
        public var pairs = 5
        public var validationPairs = 10
        /// Appends log(1 + characters / 100) of the whole candidate to its side's input (an
        /// extension: truncated segments cannot see length, which the AlpacaEval judge rewards).
        public var lengthFeature = false
        /// Text features of each candidate (`TextFeature`, computed once per example) appended to
        /// its side's input next to the joint encoding: the feature-aware PairRanker.
        public var features = FeatureList([])
        public init() {}

        enum CodingKeys: String, CodingKey {
            case model, training, pairs, features
            case sourceTokens = "source_tokens", candidateTokens = "candidate_tokens", validationPairs = "validation_pairs"
            case lengthFeature = "length_feature"
        }

        public func validate() throws {
            try SegmentTokens.validate(source: sourceTokens, candidate: candidateTokens)
            try training.validate()
            guard pairs >= 1 else { throw ParameterError.invalid(key: "pairs", message: "must be at least 1") }
            guard validationPairs >= 1 else { throw ParameterError.invalid(key: "validation_pairs", message: "must be at least 1") }
        }

        var tokens: SegmentTokens { SegmentTokens(source: sourceTokens, candidate: candidateTokens) }
    }

    public let params: Parameters
    public var weights: TrainedWeights?
    public var encoderModels: [String] { [params.model] }
    var tokens: SegmentTokens { params.tokens }

    public init(_ params: Parameters = .init()) { self.params = params }

    /// One side's head input: [h_src ; h_cand] (+ the length feature when on, + the candidate's
    /// text features).
    func side(_ source: [Float], _ candidate: [Float], _ text: String, _ features: [Double]) -> [Float] {
        (params.lengthFeature ? source + candidate + [LengthFeature.value(text)] : source + candidate) + features.map { Float($0) }
    }

    /// The text features of every candidate of `example` (none when `features` is empty).
    func featureRows(_ example: Example, context: ComponentContext) async throws -> [[Double]] {
        try await TextFeature.cachedValues(params.features.items, for: example, context: context, encoder: SentenceEncoderChoice(model: params.model))
    }

    /// Without features, the identity from before features existed, so those caches stay valid.
    public var parameters: JSONValue {
        guard params.features.items.isEmpty, case .object(var p) = params.json else { return withWeights(params.json) }
        p["features"] = nil
        return withWeights(.object(p))
    }

    public var displayName: String {
        let name = LengthFeature.name(Self.id, tokens: tokens, defaults: Parameters().tokens, length: params.lengthFeature)
        guard !params.features.items.isEmpty else { return name }
        let tag = "features=" + TextFeature.label(params.features.items)
        return name.hasSuffix(")") ? String(name.dropLast()) + "," + tag + ")" : name + "(" + tag + ")"
    }

    public func with(weights: TrainedWeights) -> PairRanker {
        var copy = self
        copy.weights = weights
        return copy
    }

    public func logit(_ example: Example, _ i: Int, _ j: Int, context: ComponentContext) async throws -> Double {
        guard let head = weights?.head else { throw TrainingError.untrained(component: Self.id) }
        let (a, b) = Self.passOrder(example, i, j, seed: context.seed)
        let v = try await vectors(example, a, b, context: context)
        let f = try await featureRows(example, context: context)
        let d = Double(head.score(side(v.source, v.a, example.candidates[a].text, f[a])) - head.score(side(v.source, v.b, example.candidates[b].text, f[b])))
        return i == a ? d : -d
    }

    /// The order of the one pass for the unordered pair {i, j}: a seeded coin per pair.
    static func passOrder(_ example: Example, _ i: Int, _ j: Int, seed: UInt64) -> (Int, Int) {
        let (lo, hi) = (min(i, j), max(i, j))
        var g = SeededGenerator(seed: seed, purpose: "pair-order:\(example.id.rawValue):\(lo):\(hi)")
        return g.next() & 1 == 0 ? (lo, hi) : (hi, lo)
    }

    func vectors(_ example: Example, _ a: Int, _ b: Int, context: ComponentContext) async throws -> SegmentVectors {
        guard let provider = context.encoders else { throw EncodingError.noEncoder(component: Self.id) }
        let encoder = try await provider.encoder(model: params.model)
        return try await encoder.segmentVectors(source: example.source, a: example.candidates[a].text,
                                                b: example.candidates[b].text, tokens: tokens)
    }

    public func train(on data: TrainingData, context: ComponentContext, log: @escaping @Sendable (String) -> Void) async throws -> TrainedWeights {
        guard !data.train.isEmpty else { throw TrainingError.noLabels(component: Self.id, reason: "no training examples") }
        let seed = context.seed
        @Sendable func sample(_ e: Example, _ a: Int, _ b: Int, _ d: Double) async throws -> TrainingSample {
            let v = try await vectors(e, a, b, context: context)
            let f = try await featureRows(e, context: context)
            return TrainingSample(left: side(v.source, v.a, e.candidates[a].text, f[a]), right: side(v.source, v.b, e.candidates[b].text, f[b]),
                                  target: d > 0 ? 1 : -1)
        }
        // Fixed validation pairs: up to `validationPairs` per example, in a seeded order.
        log("    encoding up to \(params.validationPairs) validation pairs of each of \(data.validation.count) examples")
        let fixedPairs = data.validation.flatMap { e in
            Self.labelledPairs(e, count: params.validationPairs, seed: seed, purpose: "validation").map { (e, $0.0, $0.1, $0.2) }
        }
        let validation = try await concurrentMap(fixedPairs, width: context.concurrency) { try await sample($0.0, $0.1, $0.2, $0.3) }
        let trained = try await HeadTrainer.train(
            settings: params.training, seed: seed,
            samples: { epoch in
                let chosen = data.train.flatMap { e in
                    Self.labelledPairs(e, count: params.pairs, seed: seed, purpose: "epoch-\(epoch)").map { (e, $0.0, $0.1, $0.2) }
                }
                log("    epoch \(epoch): \(chosen.count) pairs of \(data.train.count) examples")
                return try await concurrentMap(chosen, width: context.concurrency) { try await sample($0.0, $0.1, $0.2, $0.3) }
            },
            validation: validation,
            validationAccuracy: { head in
                let right = validation.reduce(0.0) { acc, s in
                    let d = head.score(s.left) - head.score(s.right ?? [])
                    return acc + (d == 0 ? 0.5 : (d > 0) == (s.target > 0) ? 1 : 0)
                }
                return validation.isEmpty ? 0 : right / Double(validation.count)
            },
            counts: (data.train.count, data.validation.count), log: log)
        return TrainedWeights(head: trained.head, report: trained.report)
    }

    /// Digest 2.4's sampling for one example: unique candidates by text, all pairs whose oracle
    /// scores differ, shuffled by a seeded stream, the first `count`, each swapped with
    /// probability 0.5. Returns (left, right, q_left - q_right).
    static func labelledPairs(_ e: Example, count: Int, seed: UInt64, purpose: String) -> [(Int, Int, Double)] {
        let q = e.oracle.oracleScores(models: e.candidates.map(\.model))
        var seen = Set<String>()
        let unique = e.candidates.indices.filter { seen.insert(e.candidates[$0].text).inserted && q[$0].isFinite }
        var all: [(Int, Int)] = []
        for x in unique.indices { for y in unique.indices where y > x && q[unique[x]] != q[unique[y]] { all.append((unique[x], unique[y])) } }
        var g = SeededGenerator(seed: seed, purpose: "pairs:\(purpose):\(e.id.rawValue)")
        all.shuffle(using: &g)
        return all.prefix(count).map { pair in
            let (a, b) = g.next() & 1 == 0 ? pair : (pair.1, pair.0)
            return (a, b, q[a] - q[b])
        }
    }
}

extension SegmentTokens {
    /// Checks `source_tokens` and `candidate_tokens` (two candidates and four special tokens
    /// must fit the encoder's 512 positions).
    static func validate(source: Int, candidate: Int) throws {
        guard source >= 1 else { throw ParameterError.invalid(key: "source_tokens", message: "must be at least 1") }
        guard candidate >= 1 else { throw ParameterError.invalid(key: "candidate_tokens", message: "must be at least 1") }
        guard source + 2 * candidate + 4 <= 512 else {
            throw ParameterError.invalid(key: "candidate_tokens", message: "source_tokens + 2 x candidate_tokens + 4 must fit the encoder's 512 positions")
        }
    }
}

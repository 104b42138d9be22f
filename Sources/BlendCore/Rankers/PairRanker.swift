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
public struct PairRanker: PairwiseComparator, TrainableRanker, EncoderUser {
    public static let id = "pair-ranker"
    public static let version = 1
    public static let reads: ExampleInputs = [.source, .candidates]
    public static let isSeeded = true

    public var model: String
    public var tokens: SegmentTokens
    public var settings: TrainingSettings
    public var pairs: Int
    public var validationPairs: Int
    /// Appends log(1 + characters / 100) of the whole candidate to its side's input (an
    /// extension: truncated segments cannot see length, which the AlpacaEval judge rewards).
    public var lengthFeature: Bool = false
    /// Text features of each candidate (`TextFeature`, computed once per example) appended to its
    /// side's input next to the joint encoding: the feature-aware PairRanker.
    public var features: [TextFeature] = []
    public var weights: TrainedWeights?
    public var encoderModels: [String] { [model] }

    public static let defaultTokens = SegmentTokens(source: 24, candidate: 64)

    public init(model: String = "models/all-MiniLM-L6-v2", tokens: SegmentTokens = PairRanker.defaultTokens,
                settings: TrainingSettings = TrainingSettings(), pairs: Int = 5, validationPairs: Int = 10, weights: TrainedWeights? = nil) {
        self.model = model
        self.tokens = tokens
        self.settings = settings
        self.pairs = pairs
        self.validationPairs = validationPairs
        self.weights = weights
    }

    public static func read(_ p: inout ParameterReader) throws -> PairRanker {
        let model = try p.string("model", default: "models/all-MiniLM-L6-v2")
        let tokens = try SegmentTokens.read(&p, defaults: defaultTokens)
        let settings = try TrainingSettings.read(&p)
        let pairs = try p.int("pairs", default: 5)
        guard pairs >= 1 else { throw ParameterError.invalid(key: "pairs", message: "must be at least 1") }
        let validationPairs = try p.int("validation_pairs", default: 10)
        guard validationPairs >= 1 else { throw ParameterError.invalid(key: "validation_pairs", message: "must be at least 1") }
        var ranker = PairRanker(model: model, tokens: tokens, settings: settings, pairs: pairs, validationPairs: validationPairs)
        ranker.lengthFeature = try p.bool("length_feature", default: false)
        ranker.features = try TextFeature.read(try p.stringList("features", default: []), key: "features")
        return ranker
    }

    /// One side's head input: [h_src ; h_cand] (+ the length feature when on, + the candidate's
    /// text features).
    func side(_ source: [Float], _ candidate: [Float], _ text: String, _ features: [Double]) -> [Float] {
        (lengthFeature ? source + candidate + [LengthFeature.value(text)] : source + candidate) + features.map { Float($0) }
    }

    /// The text features of every candidate of `example` (none when `features` is empty).
    func featureRows(_ example: Example, context: ComponentContext) async throws -> [[Double]] {
        try await TextFeature.cachedValues(features, for: example, context: context, model: model)
    }

    /// Everything that determines the weights (and, with them, the logits).
    public var trainingParameters: [String: JSONValue] {
        ["model": .string(model), "source_tokens": .int(tokens.source), "candidate_tokens": .int(tokens.candidate),
         "training": settings.json, "pairs": .int(pairs), "validation_pairs": .int(validationPairs),
         "length_feature": .bool(lengthFeature)]
            .merging(features.isEmpty ? [:] : ["features": .array(features.map { .string($0.rawValue) })]) { a, _ in a }
    }

    public var parameters: JSONValue {
        var p = trainingParameters
        if let weights { p["weights"] = .string(weights.digest) }
        return .object(p)
    }

    public var displayName: String {
        let name = LengthFeature.name(Self.id, tokens: tokens, defaults: Self.defaultTokens, length: lengthFeature)
        guard !features.isEmpty else { return name }
        let tag = "features=" + TextFeature.label(features)
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
        let encoder = try await provider.encoder(model: model)
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
        log("    encoding up to \(validationPairs) validation pairs of each of \(data.validation.count) examples")
        let fixedPairs = data.validation.flatMap { e in
            Self.labelledPairs(e, count: validationPairs, seed: seed, purpose: "validation").map { (e, $0.0, $0.1, $0.2) }
        }
        let validation = try await concurrentMap(fixedPairs, width: context.concurrency) { try await sample($0.0, $0.1, $0.2, $0.3) }
        let trained = try await HeadTrainer.train(
            settings: settings, seed: seed,
            samples: { epoch in
                let chosen = data.train.flatMap { e in
                    Self.labelledPairs(e, count: pairs, seed: seed, purpose: "epoch-\(epoch)").map { (e, $0.0, $0.1, $0.2) }
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
    /// Reads `source_tokens` and `candidate_tokens`.
    public static func read(_ p: inout ParameterReader, defaults: SegmentTokens) throws -> SegmentTokens {
        let t = SegmentTokens(source: try p.int("source_tokens", default: defaults.source),
                              candidate: try p.int("candidate_tokens", default: defaults.candidate))
        guard t.source >= 1 else { throw ParameterError.invalid(key: "source_tokens", message: "must be at least 1") }
        guard t.candidate >= 1 else { throw ParameterError.invalid(key: "candidate_tokens", message: "must be at least 1") }
        guard t.source + 2 * t.candidate + 4 <= 512 else {
            throw ParameterError.invalid(key: "candidate_tokens", message: "source_tokens + 2 x candidate_tokens + 4 must fit the encoder's 512 positions")
        }
        return t
    }
}

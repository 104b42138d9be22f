import Foundation

/// A ranker with learned weights (PairRanker, SummaReranker-style scorer). The runner trains it
/// on the experiment's training data with oracle labels, or loads weights stored under the same
/// key (data, features, hyper-parameters, seed), and attaches them with `with(weights:)`;
/// the attached weights' digest is then part of the ranker's identity, so every cached score
/// names the weights it came from.
public protocol TrainableRanker: Component {
    var weights: TrainedWeights? { get }
    /// Whether this configuration learns anything (simcls learns only with a projection).
    var learns: Bool { get }
    /// Trains on `data` (oracle labels) and returns the weights and what training did.
    func train(on data: TrainingData, context: ComponentContext, log: @escaping @Sendable (String) -> Void) async throws -> TrainedWeights
    func with(weights: TrainedWeights) -> Self
}

extension TrainableRanker {
    public var learns: Bool { true }
}

extension TrainableRanker where Self: Configurable {
    /// The parameters and, once attached, the weights' digest.
    public var parameters: JSONValue { withWeights(params.json) }

    /// `parameters` (a mapping) with the attached weights' digest under `weights`.
    func withWeights(_ parameters: JSONValue) -> JSONValue {
        guard let weights, case .object(var p) = parameters else { return parameters }
        p["weights"] = .string(weights.digest)
        return .object(p)
    }
}

/// Learned parameters (a scoring head, or a projection) with the report of the training that
/// made them.
public struct TrainedWeights: Sendable, Hashable, Codable {
    public let head: ScoreHead?
    public let projection: Projection?
    /// A linear scorer over named inputs (`stack`).
    public let linear: LinearScorer?
    public var report: TrainingReport
    /// SHA-256 of the parameters' bytes (big-endian IEEE floats), in hex: computed once, since
    /// every cache key of a trained ranker names it (not stored; recomputed on decoding).
    public let digest: String

    enum CodingKeys: String, CodingKey { case head, projection, linear, report }

    public init(head: ScoreHead? = nil, projection: Projection? = nil, linear: LinearScorer? = nil, report: TrainingReport) {
        self.head = head
        self.projection = projection
        self.linear = linear
        self.report = report
        digest = Self.digest(head: head, projection: projection, linear: linear)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(head: try c.decodeIfPresent(ScoreHead.self, forKey: .head),
                  projection: try c.decodeIfPresent(Projection.self, forKey: .projection),
                  linear: try c.decodeIfPresent(LinearScorer.self, forKey: .linear),
                  report: try c.decode(TrainingReport.self, forKey: .report))
    }

    static func digest(head: ScoreHead?, projection: Projection?, linear: LinearScorer?) -> String {
        var bytes: [UInt8] = []
        func append(_ shape: [Int], _ values: [Float]) {
            for n in shape { for s in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8((n >> s) & 0xFF)) } }
            for p in values { let b = p.bitPattern; for s in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8((b >> UInt32(s)) & 0xFF)) } }
        }
        if let head { append([head.inputs, head.hidden], head.parameters + head.shift + head.scale) }
        if let projection { append([projection.rows, projection.columns], projection.values) }
        if let linear {
            bytes += Array(linear.names.joined(separator: "\u{0}").utf8) + Array(linear.priors.keys.sorted().joined(separator: "\u{0}").utf8)
            for v in linear.flat { let b = v.bitPattern; for s in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8((b >> UInt64(s)) & 0xFF)) } }
        }
        return SHA256.hex(bytes: SHA256.digest(bytes))
    }
}

/// The examples a ranker trains on: `train` for the updates, `validation` (carved from the
/// training data by instruction hash) for early stopping. Both need oracle labels.
public struct TrainingData: Sendable {
    public let train: [Example]
    public let validation: [Example]
    /// A digest of everything training reads: each example's id, texts and oracle scores
    /// (computed once: every trained ranker's cache key reads it).
    public let digest: String

    public init(train: [Example], validation: [Example]) {
        self.train = train
        self.validation = validation
        digest = Self.digest(train: train, validation: validation)
    }

    /// Splits `examples` by the hash of "validation:" + source text: a fraction `validation` of
    /// them (at least one when there are two or more) validates, the rest train. The salt makes
    /// this independent of the train/test split, which hashes the bare source text.
    public static func carve(_ examples: [Example], validation fraction: Double) -> TrainingData {
        var train: [Example] = [], validation: [Example] = []
        for e in examples {
            let digest = SHA256.digest(Array(("validation:" + e.source).utf8))
            let word = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            if Double(word >> 11) * 0x1.0p-53 < fraction { validation.append(e) } else { train.append(e) }
        }
        if validation.isEmpty, train.count >= 2, fraction > 0 { validation.append(train.removeLast()) }
        return TrainingData(train: train, validation: validation)
    }

    static func digest(train: [Example], validation: [Example]) -> String {
        func part(_ examples: [Example]) -> JSONValue {
            .array(examples.map { e in
                .array([.string(e.id.rawValue), .string(e.contentHash),
                        .array(e.oracle.oracleScores(models: e.candidates.map(\.model)).map { .double($0.isFinite ? $0 : -1e300) })])
            })
        }
        return JSONValue.object(["train": part(train), "validation": part(validation)]).hash
    }
}

/// Errors of trained rankers.
public enum TrainingError: BlendlabError, Equatable, Sendable, CustomStringConvertible {
    case untrained(component: String)
    case noLabels(component: String, reason: String)
    case noSamples

    public var description: String {
        switch self {
        case .untrained(let c):
            "\(c) has no trained weights: run it through `blendlab run` or `blendlab train`, which train it on the experiment's train data"
        case .noLabels(let c, let reason):
            "\(c) cannot be trained: \(reason)"
        case .noSamples:
            "no training samples: every training example has fewer than two candidates with different oracle scores"
        }
    }
}

extension RankerComponent {
    /// The ranker as a trainable one, if it learns weights.
    public var trainable: (any TrainableRanker)? {
        let t: (any TrainableRanker)? = switch self {
        case .pointwise(let r): r as? any TrainableRanker
        case .pairwise(let r): r as? any TrainableRanker
        }
        return t?.learns == true ? t : nil
    }
}

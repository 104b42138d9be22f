/// Sentence BLEU of the output against the reference output, 0-100, exactly as
/// `sacrebleu.sentence_bleu(hypothesis, [reference])` (13a tokens, exp smoothing, effective
/// order; formula and edge rules in `BLEUStatistics`). Deterministic. The paper's BLEU ranker
/// baseline and lexical evaluation column (digest sections 6-7).
public struct BLEUMetric: ReferenceBasedMetric, Configurable {
    public static let id = "bleu"
    public static let version = 1
    public let params = NoParameters()
    public init(_ params: NoParameters = .init()) {}
    public var label: String { "BLEU" }

    public init() {}

    public func value(hypothesis: String, reference: String) -> Double {
        BLEUStatistics(hypothesis: hypothesis, reference: reference).score(effectiveOrder: true)
    }

    public func values(hypotheses: [String], reference: String) -> [Double] {
        LexicalScorer(metrics: [.bleu]).score(hypotheses: hypotheses, reference: reference).map { $0[0] }
    }
}

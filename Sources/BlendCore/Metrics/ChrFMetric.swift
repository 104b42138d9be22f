/// Sentence chrF of the output against the reference output, 0-100, exactly as sacreBLEU's
/// `CHRF()` defaults (char order 6, word order 0, beta 2; formula and edge rules in
/// `ChrFStatistics`). Deterministic.
public struct ChrFMetric: ReferenceBasedMetric, Configurable {
    public static let id = "chrf"
    public static let version = 1
    public let params = NoParameters()
    public init(_ params: NoParameters = .init()) {}
    public var label: String { "chrF" }

    public init() {}

    public func value(hypothesis: String, reference: String) -> Double {
        ChrFStatistics(hypothesis: hypothesis, reference: reference).score
    }

    public func values(hypotheses: [String], reference: String) -> [Double] {
        LexicalScorer(metrics: [.chrf]).score(hypotheses: hypotheses, reference: reference).map { $0[0] }
    }
}

/// The ROUGE columns: F-measure on 0-1 of the output against the reference output, exactly as
/// Google's `rouge-score` (`RougeScorer([type], use_stemmer: stemming).score(reference, output)`;
/// tokenizer, formulas and edge rules in `RougeTokens` and `RougeScore`). Parameter
/// `stemming` (default false): NLTK Porter stemming of tokens longer than 3 characters.
/// Deterministic. Four one-line types share this protocol, one per id.
public protocol RougeMetric: ReferenceBasedMetric, Configurable where Parameters == RougeParameters {
    static var shortLabel: String { get }
    func fmeasure(_ pair: RougePair) -> Double
}

extension RougeMetric {
    public static var version: Int { 1 }
    public var label: String { Self.shortLabel + (params.stemming ? " (stemmed)" : "") }

    public func value(hypothesis: String, reference: String) -> Double {
        fmeasure(RougePair(hypothesis: hypothesis, reference: reference, stemming: params.stemming))
    }
}

/// The ROUGE metrics' one parameter.
public struct RougeParameters: ComponentParameters, Equatable {
    /// NLTK Porter stemming of tokens longer than 3 characters.
    public var stemming = false
    public init() {}
}

/// ROUGE-1: unigram overlap F-measure.
public struct Rouge1Metric: RougeMetric {
    public static let id = "rouge-1", shortLabel = "ROUGE-1"
    public let params: RougeParameters
    public init(_ params: RougeParameters = .init()) { self.params = params }
    public func fmeasure(_ pair: RougePair) -> Double { pair.rougeN(1).fmeasure }
}

/// ROUGE-2: bigram overlap F-measure.
public struct Rouge2Metric: RougeMetric {
    public static let id = "rouge-2", shortLabel = "ROUGE-2"
    public let params: RougeParameters
    public init(_ params: RougeParameters = .init()) { self.params = params }
    public func fmeasure(_ pair: RougePair) -> Double { pair.rougeN(2).fmeasure }
}

/// ROUGE-L: longest-common-subsequence F-measure over the whole texts.
public struct RougeLMetric: RougeMetric {
    public static let id = "rouge-l", shortLabel = "ROUGE-L"
    public let params: RougeParameters
    public init(_ params: RougeParameters = .init()) { self.params = params }
    public func fmeasure(_ pair: RougePair) -> Double { pair.rougeL().fmeasure }
}

/// ROUGE-Lsum: summary-level union-LCS F-measure over "\n"-separated lines.
public struct RougeLsumMetric: RougeMetric {
    public static let id = "rouge-lsum", shortLabel = "ROUGE-Lsum"
    public let params: RougeParameters
    public init(_ params: RougeParameters = .init()) { self.params = params }
    public func fmeasure(_ pair: RougePair) -> Double { pair.rougeLsum().fmeasure }
}

/// The pooled vectors of a cross-encoded (source, candidate A, candidate B) input.
public struct SegmentEncoding: Sendable {
    /// Mean of the final hidden states over each segment's own tokens (its `[SEP]` excluded),
    /// for source, A and B; a segment with no tokens gets its `[SEP]` vector.
    public var source: [Float]
    public var candidateA: [Float]
    public var candidateB: [Float]
    /// The model input: `[CLS] source [SEP] A [SEP] B [SEP]`.
    public var ids: [Int32]
    public var types: [Int32]
}

/// How many tokens each segment may keep (special tokens not counted).
public struct SegmentBudget: Sendable, Hashable {
    public var source: Int
    public var candidate: Int

    /// The paper-era PairRanker's lengths: source 128, each candidate 128.
    public static let paper = SegmentBudget(source: 128, candidate: 128)

    public init(source: Int, candidate: Int) {
        self.source = source
        self.candidate = candidate
    }
}

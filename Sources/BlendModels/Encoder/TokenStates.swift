/// The contextual vectors of one text's tokens.
public struct TokenStates: Sendable {
    /// Token ids including `[CLS]` and `[SEP]`.
    public var ids: [Int32]
    /// `ids.count × dimension` floats, row-major.
    public var vectors: [Float]
    public var dimension: Int
}

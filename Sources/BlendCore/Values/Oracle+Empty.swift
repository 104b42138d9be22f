extension Oracle {
    /// True when the judge said nothing (generated candidates without a configured judge);
    /// oracle-based metrics then do not apply.
    public var isEmpty: Bool {
        switch self {
        case .scores(let s): s.isEmpty
        case .pairwise(let v): v.isEmpty
        }
    }
}

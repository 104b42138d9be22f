/// The pairwise comparisons of one example's N candidates: `logits[i][j]` is the comparator's
/// logit that candidate i beats candidate j when i is shown first (left) and j second; > 0 means
/// i is judged better (digest 2.6, M[i][j]). Both orders are separate entries because pairwise
/// rankers are position-biased. The diagonal is ignored; nil means "not compared". `calls` counts
/// the model calls that filled it (a stored matrix read from JSON has calls = its non-nil
/// off-diagonal entries).
public struct ComparisonMatrix: Sendable, Hashable, Codable {
    public private(set) var logits: [[Double?]]
    public var calls: Int

    /// A matrix of `count` candidates with nothing compared yet.
    public init(count: Int) {
        logits = Array(repeating: Array(repeating: nil, count: count), count: count)
        calls = 0
    }

    /// `logits` as given; an empty or non-square matrix is an error that says what to fix.
    public init(logits: [[Double?]], calls: Int? = nil) throws {
        guard !logits.isEmpty else { throw AggregationError.emptyMatrix }
        for (row, values) in logits.enumerated() where values.count != logits.count {
            throw AggregationError.notSquare(row: row, length: values.count, expected: logits.count)
        }
        self.logits = logits
        var filled = 0
        for i in logits.indices { for j in logits.indices where i != j && logits[i][j] != nil { filled += 1 } }
        self.calls = calls ?? filled
    }

    public var count: Int { logits.count }

    /// M[i][j], or nil on the diagonal or where not compared.
    public subscript(i: Int, j: Int) -> Double? {
        get { i == j ? nil : logits[i][j] }
        set { if i != j { logits[i][j] = newValue } }
    }
}

extension ComparisonMatrix: ComparisonSource {
    public func logit(_ i: Int, _ j: Int) async throws -> Double? { self[i, j] }
}

/// Where an aggregation rule gets its comparisons: a stored matrix, or a lazy filler that calls a
/// comparator only for the pairs a rule asks for (so a bubble pass costs 2(N-1) calls, not N(N-1)).
public protocol ComparisonSource: Sendable {
    /// The number of candidates N.
    var count: Int { get }
    /// The logit that i beats j with i on the left, or nil when it is not available.
    func logit(_ i: Int, _ j: Int) async throws -> Double?
}

extension ComparisonSource {
    /// Every off-diagonal entry, asking for all N(N-1) ordered pairs in row-major order.
    public func fullMatrix() async throws -> [[Double?]] {
        var m = Array(repeating: [Double?](repeating: nil, count: count), count: count)
        for i in 0..<count { for j in 0..<count where i != j { m[i][j] = try await logit(i, j) } }
        return m
    }

    /// The position-debiased preference of i over j: M[i][j] - M[j][i] (digest 2.6(c), the
    /// default `[A,B]+[B,A]` mode), with a missing order counting as 0; nil if both are missing.
    public func debiased(_ i: Int, _ j: Int) async throws -> Double? {
        let forward = try await logit(i, j)
        let backward = try await logit(j, i)
        if forward == nil && backward == nil { return nil }
        return (forward ?? 0) - (backward ?? 0)
    }
}

/// What goes wrong when aggregating comparisons.
public enum AggregationError: BlendlabError, Equatable, Sendable, CustomStringConvertible {
    case emptyMatrix
    case notSquare(row: Int, length: Int, expected: Int)

    public var description: String {
        switch self {
        case .emptyMatrix:
            "the comparison matrix is empty; give one row per candidate (N >= 1)"
        case .notSquare(let row, let length, let expected):
            "the comparison matrix is not square: row \(row) has \(length) entries but there are \(expected) rows; give N rows of N entries (null where not compared)"
        }
    }
}

/// A comparison matrix filled on demand: the first request for M[i][j] calls `compare(i, j)` and
/// stores the logit; later requests (from the same or another rule) read it. So a bubble pass
/// asks only for its 2(N-1) pairs and max-logits after it only for the rest. `calls` counts the
/// `compare` invocations that gave a logit (nil answers are not stored and not counted); `matrix` is what has been filled so far. `compare` is where the
/// runner's store cache sits (see `PairwiseComparator`).
public actor LazyComparisonMatrix: ComparisonSource {
    public nonisolated let count: Int
    private let compare: @Sendable (Int, Int) async throws -> Double?
    private var filled: ComparisonMatrix

    public init(count: Int, compare: @escaping @Sendable (Int, Int) async throws -> Double?) {
        self.count = count
        self.compare = compare
        self.filled = ComparisonMatrix(count: count)
    }

    /// Stored M[i][j], or the comparator's answer stored now; nil on the diagonal or out of range.
    public func logit(_ i: Int, _ j: Int) async throws -> Double? {
        guard i != j, (0..<count).contains(i), (0..<count).contains(j) else { return nil }
        if let known = filled[i, j] { return known }
        guard let value = try await compare(i, j) else { return nil }
        filled.calls += 1
        filled[i, j] = value
        return value
    }

    /// The entries filled so far and the number of comparator calls.
    public var matrix: ComparisonMatrix { filled }
}

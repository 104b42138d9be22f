/// A top-K selection view (experiment key `topk_views:`), pure selection with no model calls:
/// for each K, how often an oracle-best candidate is among the first ranker row's top K (oracle
/// top-K recall), and, with a second ranker row, the experiment's metrics of the candidate that
/// the second row ranks highest among the first row's top K ("best of the top K").
public struct TopKViewResult: Sendable, Codable, Equatable {
    public struct Row: Sendable, Codable, Equatable {
        public var k: Int
        /// Per example 100 when a candidate of oracle rank 1 (ties included) is among the top K,
        /// else 0; the mean is a percentage. pValue is nil.
        public var recall: Aggregate
        /// By metric id: the metric of the second row's pick among the top K; empty without `second`.
        public var bestOf: [String: Aggregate]

        public init(k: Int, recall: Aggregate, bestOf: [String: Aggregate]) {
            self.k = k
            self.recall = recall
            self.bestOf = bestOf
        }
    }

    /// The first ranker row's label: whose top K.
    public var first: String
    /// The second ranker row's label: who picks among the top K; nil for recall only.
    public var second: String?
    public var rows: [Row]

    public init(first: String, second: String?, rows: [Row]) {
        self.first = first
        self.second = second
        self.rows = rows
    }
}

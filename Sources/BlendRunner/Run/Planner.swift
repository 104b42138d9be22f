import BlendCore
import BlendStore

/// What a run would do: per stage and component, how many items are cached and how many are left.
public struct Plan: Sendable {
    public struct Line: Sendable {
        public var stage: String
        public var component: String
        public var total: Int
        public var cached: Int
    }

    public var examples: Int
    public var lines: [Line]
}

extension Runner {
    /// Loads the data and looks every key up, computing nothing.
    public func plan() throws -> Plan {
        let store = try CacheStore(path: options.cachePath)
        let data = try EvaluationData(spec: spec.dataset)
        var lines: [Plan.Line] = []
        for spec in spec.rankers {
            let ranker = try Catalog.make(Catalog.rankers, kind: "ranker", id: spec.id, params: spec.params)
            guard case .pointwise(let pointwise) = ranker else { continue }
            let keys = Self.rankKeys(pointwise, examples: data.examples, seed: self.spec.seed)
            let cached = try store.values(for: keys).count
            lines.append(Plan.Line(stage: "rank", component: ranker.displayName, total: keys.count, cached: cached))
        }
        lines.append(Plan.Line(stage: "evaluate", component: spec.metrics.map(\.id).joined(separator: ", "),
                               total: data.examples.count, cached: 0))
        return Plan(examples: data.examples.count, lines: lines)
    }
}

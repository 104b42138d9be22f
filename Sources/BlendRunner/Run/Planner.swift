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
        if !spec.generate.isEmpty {
            // Later stages read the generated texts, so only the generation itself can be looked up.
            lines += try generateLines(store: store, examples: data.examples)
            return Plan(examples: data.examples.count, lines: lines)
        }
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

extension Runner {
    /// Per generator and sample: how many of the examples' answers are cached.
    func generateLines(store: CacheStore, examples: [Example]) throws -> [Plan.Line] {
        var lines: [Plan.Line] = []
        for g in try spec.generate.map({ try Catalog.make(Catalog.generators, kind: "generator", id: $0.id, params: $0.params) }) {
            for sample in 0..<g.samples {
                let backends = JSONValue.object(Dictionary(uniqueKeysWithValues: g.backendNames.map { ($0, spec.backends[$0]?.config.identity ?? .null) }))
                let keys = GenerateStage.keys(g, sample: sample, examples: examples, backends: backends, seed: spec.seed)
                lines.append(Plan.Line(stage: "generate", component: g.candidateNames[sample].rawValue, total: keys.count,
                                       cached: try store.values(for: keys).count))
            }
        }
        return lines
    }
}

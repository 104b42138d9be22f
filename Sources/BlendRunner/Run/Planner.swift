import BlendCore
import BlendStore
import Foundation

/// What a run would do: per stage and component, how many items are cached and how many are left.
public struct Plan: Sendable {
    public struct Line: Sendable, Equatable {
        public var stage: String
        public var component: String
        public var total: Int
        public var cached: Int
        /// False where the count is an upper bound: a compare stage whose rules read pairs
        /// lazily (bubble alone), or a stage whose keys depend on training that has not run.
        public var exact: Bool = true
    }

    public var examples: Int
    public var lines: [Line]
}

extension Runner {
    /// Loads the data and looks every key up, computing nothing. The keys are the stages' own
    /// (`Stage.keys(_:)` under the run's `KeyContext`), so the plan's hits and misses are the
    /// ones `run()` reports: trained rankers with stored weights get them attached, as in a run.
    public func plan() throws -> Plan {
        let store = try CacheStore(path: options.cachePath)
        let data = try EvaluationData(spec: spec.dataset)
        let keys = try KeyContext(spec: spec, store: store)
        var lines: [Plan.Line] = []
        func count(_ group: StageKeys, known: Bool = true) throws -> Plan.Line {
            Plan.Line(stage: group.stage, component: group.component, total: group.keys.count,
                      cached: known ? try store.values(for: group.keys).count : 0, exact: known)
        }
        if !spec.generate.isEmpty {
            // Later stages read the generated texts, so only the generation itself can be looked up.
            for g in spec.generate.map(\.made) {
                for sample in 0..<g.params.samples {
                    let group = StageKeys(stage: "generate", component: g.candidateNames[sample].rawValue,
                                          keys: GenerateStage.keys(g, sample: sample, examples: data.examples, context: keys))
                    lines.append(try count(group))
                }
            }
            return Plan(examples: data.examples.count, lines: lines)
        }
        var methods = try makeMethods(models: data.loaded.candidates)
        // Train: one key per distinct training; stored weights are attached for the later stages.
        var untrained = Set<String>()
        if let training = spec.training, methods.contains(where: { $0.ranker?.trainable != nil }) {
            let parts = try TrainStage.data(training, loaded: data.loaded, evaluated: data.examples)
            var seen = Set<String>()
            for (m, method) in methods.enumerated() {
                guard let ranker = method.ranker, let trainable = ranker.trainable else { continue }
                let found = try TrainStage.lookup(trainable, parts: parts, keys: keys, store: store)
                for (k, f) in found.enumerated() where seen.insert(f.key.digest).inserted {
                    let name = training.folds.map { $0.label(ranker.displayName, fold: k) } ?? ranker.displayName
                    lines.append(Plan.Line(stage: "train", component: name, total: 1, cached: f.weights == nil ? 0 : 1))
                }
                let weights = found.compactMap(\.weights)
                if weights.count == found.count {
                    methods[m].ranker = try TrainStage.join(ranker, try weights.map { try TrainStage.attach(ranker, $0) }, folds: training.folds)
                } else {
                    untrained.insert(method.info.key)
                }
            }
        }
        for m in methods {
            guard case .pointwise(let r)? = m.ranker else { continue }
            let group = RankStage(rankers: [r], examples: data.examples).keys(keys)[0]
            lines.append(try count(group, known: !untrained.contains(m.info.key)))
        }
        for group in pairwiseGroups(methods) {
            guard case .pairwise(let comparator)? = group.first?.ranker else { continue }
            let stageKeys = CompareStage(comparators: [comparator], examples: data.examples).keys(keys)[0]
            var line = try count(stageKeys, known: !untrained.contains(group[0].info.key))
            if !group.contains(where: { $0.rule.map { type(of: $0).readsEveryPair } ?? false }) { line.exact = false }
            lines.append(line)
        }
        lines.append(Plan.Line(stage: "evaluate", component: spec.metrics.map(\.id).joined(separator: ", "),
                               total: data.examples.count, cached: 0))
        return Plan(examples: data.examples.count, lines: lines)
    }
}

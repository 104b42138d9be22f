import BlendCore

/// The values of the metrics that store them (`OutputMetric.storesCandidateValues`) for every
/// candidate of every evaluated example: one cache entry per (metric, example), all of a
/// metric's entries read in one lookup, the misses computed `concurrency` examples at a time
/// and stored in one transaction. A cached re-run reads these instead of rescoring every
/// candidate (ROUGE-L and BLEU were a third of a cached paper-columns run).
struct StoredMetricValues: Sendable {
    /// Per metric index: per example, per candidate.
    private var values: [Int: [[Double?]]] = [:]

    static let stage = "evaluate"

    init() {}

    init(metrics: [any OutputMetric], examples: [Example], keys: KeyContext, context: ComponentContext,
         concurrency: Int) async throws {
        guard let cache = context.cache else { return }
        for (m, metric) in metrics.enumerated() where metric.storesCandidateValues {
            let fields = examples.map { keys.fields(metric, for: $0) }
            values[m] = try await cache.values(stage: Self.stage, component: metric.displayName, fields: fields) { misses in
                try await Self.compute(metric, examples: misses.map { examples[$0] }, context: context, concurrency: concurrency)
            }
        }
    }

    /// The metric's value of candidate `c` of example `e`: nil when the metric stores nothing
    /// (compute it), `.some(nil)` when it does not apply there.
    func value(metric m: Int, example e: Int, candidate c: Int) -> Double?? {
        guard let perExample = values[m], perExample.indices.contains(e), perExample[e].indices.contains(c) else { return nil }
        return .some(perExample[e][c])
    }

    /// Every candidate's value, per example, in order.
    private static func compute(_ metric: any OutputMetric, examples: [Example], context: ComponentContext,
                                concurrency: Int) async throws -> [[Double?]] {
        var out = [[Double?]](repeating: [], count: examples.count)
        try await withThrowingTaskGroup(of: (Int, [Double?]).self) { group in
            var next = 0
            func submit() {
                guard next < examples.count else { return }
                let e = next
                next += 1
                group.addTask { (e, try await metric.candidateValues(in: examples[e], context: context)) }
            }
            for _ in 0..<max(1, concurrency) { submit() }
            while let (e, row) = try await group.next() {
                out[e] = row
                submit()
            }
        }
        return out
    }

    /// `metric.value(of:in:context:)`, read from the stored values where they exist.
    func value(_ metric: any OutputMetric, index m: Int, of output: EvaluatedOutput, example e: Int, in example: Example,
               context: ComponentContext) async throws -> Double? {
        if case .candidate(let c) = output, let stored = value(metric: m, example: e, candidate: c) { return stored }
        return try await metric.value(of: output, in: example, context: context)
    }
}

import BlendCore

/// The evaluate stage: every metric of every method's output on every example. Examples run
/// `concurrency` at a time (results in example order, independent of it), and within an example
/// a candidate that several rows select is scored once per metric; a metric that stores its
/// values (`StoredMetricValues`) is read from the cache instead.
enum EvaluateStage {
    /// What the stage needs of a method row.
    struct Row: Sendable {
        var key: String
        /// A blender row's fused outputs, per example.
        var blended: [BlendedOutput]?
        /// The candidate the row selects, per example (nil: the row has none there).
        var selected: [Int?]
    }

    static func run(rows: [Row], examples: [Example], metrics: [any OutputMetric], ids: [String], stored: StoredMetricValues,
                    context: ComponentContext, concurrency: Int) async throws -> [ExampleResult] {
        var results = [ExampleResult?](repeating: nil, count: examples.count)
        try await withThrowingTaskGroup(of: (Int, ExampleResult).self) { group in
            var next = 0
            func submit() {
                guard next < examples.count else { return }
                let e = next
                next += 1
                group.addTask {
                    (e, try await evaluate(e, example: examples[e], rows: rows, metrics: metrics, ids: ids, stored: stored, context: context))
                }
            }
            for _ in 0..<max(1, concurrency) { submit() }
            while let (e, result) = try await group.next() {
                results[e] = result
                submit()
            }
        }
        return results.map { $0! }
    }

    static func evaluate(_ e: Int, example: Example, rows: [Row], metrics: [any OutputMetric], ids: [String],
                         stored: StoredMetricValues, context: ComponentContext) async throws -> ExampleResult {
        var outcomes: [String: ExampleResult.Outcome] = [:]
        var byCandidate: [Int: [String: Double]] = [:]
        for row in rows {
            if let blended = row.blended?[e] {
                var values: [String: Double] = [:]
                for (metric, id) in zip(metrics, ids) {
                    if let v = try await metric.value(of: blended.output, in: blended.example, context: context) { values[id] = v }
                }
                outcomes[row.key] = ExampleResult.Outcome(selected: nil, values: values, text: blended.text)
                continue
            }
            guard let selected = row.selected[e] else { continue }
            if byCandidate[selected] == nil {
                var values: [String: Double] = [:]
                for (m, (metric, id)) in zip(metrics, ids).enumerated() {
                    let v = try await stored.value(metric, index: m, of: .candidate(selected), example: e, in: example, context: context)
                    if let v { values[id] = v }
                }
                byCandidate[selected] = values
            }
            outcomes[row.key] = ExampleResult.Outcome(selected: selected, values: byCandidate[selected]!)
        }
        return ExampleResult(id: example.id, candidates: example.candidates.map(\.model), oracleRanks: example.oracleRanks, outcomes: outcomes)
    }
}

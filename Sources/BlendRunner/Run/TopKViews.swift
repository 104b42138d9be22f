import BlendCore
import Foundation

/// The top-K selection views (`topk_views:`): pure selection over rankings the rank and compare
/// stages already made, with no model calls. For each K: oracle top-K recall of the first row,
/// and the metrics of the candidate the second row ranks highest among the first row's top K.
/// Ks above an example's N are skipped for that example (its top K would be every candidate).
enum TopKViews {
    static func compute(_ specs: [TopKViewSpec], methods: [Runner.Method], orders: [String: [[Int]]], examples: [Example],
                        metrics: [any OutputMetric], metricInfos: [MetricInfo], stored: StoredMetricValues,
                        context: ComponentContext, seed: UInt64) async throws -> [TopKViewResult] {
        guard !specs.isEmpty else { return [] }
        let rows = methods.filter { $0.ranker != nil }
        let names = rows.map { (label: $0.info.label, id: $0.ranker?.id ?? "") }
        func order(_ name: String) throws -> (label: String, orders: [[Int]]) {
            let resolved = ExperimentSpec.resolve(name, rows: names)
            guard let index = resolved.index else { throw RunnerError.badView(resolved.problem ?? name) }
            guard let o = orders[rows[index].info.key], o.count == examples.count else {
                throw RunnerError.badView("ranker row '\(rows[index].info.label)' has no ranking per example")
            }
            return (rows[index].info.label, o)
        }
        let n = examples.map(\.candidates.count).max() ?? 0
        var results: [TopKViewResult] = []
        for spec in specs {
            let first = try order(spec.first)
            let second = try spec.second.map(order)
            // Metric values per (example, candidate), computed once for all Ks.
            var values: [[Int: [String: Double]]] = Array(repeating: [:], count: examples.count)
            func value(_ e: Int, _ c: Int) async throws -> [String: Double] {
                if let known = values[e][c] { return known }
                var v: [String: Double] = [:]
                for (m, (metric, info)) in zip(metrics, metricInfos).enumerated() {
                    let x = try await stored.value(metric, index: m, of: .candidate(c), example: e, in: examples[e], context: context)
                    if let x { v[info.id] = x }
                }
                values[e][c] = v
                return v
            }
            var viewRows: [TopKViewResult.Row] = []
            for k in spec.k ?? Array(1...max(n, 1)) {
                var recall: [Double] = []
                var picked: [String: [Double]] = [:]
                for (e, example) in examples.enumerated() where k <= example.candidates.count {
                    let top = Array(first.orders[e].prefix(k))
                    let ranks = example.oracleRanks
                    let best = ranks.min()
                    recall.append(top.contains { ranks.indices.contains($0) && ranks[$0] == best } ? 100 : 0)
                    guard let second else { continue }
                    let place = Dictionary(second.orders[e].enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
                    guard let pick = top.min(by: { (place[$0] ?? .max, $0) < (place[$1] ?? .max, $1) }) else { continue }
                    for (id, x) in try await value(e, pick) { picked[id, default: []].append(x) }
                }
                guard let r = aggregate(recall, seed: seed, purpose: "topk-view/recall") else { continue }
                var bestOf: [String: Aggregate] = [:]
                for (id, xs) in picked { bestOf[id] = aggregate(xs, seed: seed, purpose: "topk-view/" + id) }
                viewRows.append(TopKViewResult.Row(k: k, recall: r, bestOf: bestOf))
            }
            results.append(TopKViewResult(first: first.label, second: second?.label, rows: viewRows))
        }
        return results
    }

    /// Mean and seeded 95 % bootstrap interval, as the main table's aggregates (no paired test).
    static func aggregate(_ xs: [Double], seed: UInt64, purpose: String) -> Aggregate? {
        var stream = SeededGenerator(seed: seed, purpose: "bootstrap/" + purpose)
        guard !xs.isEmpty, let interval = Bootstrap().interval(xs, seed: stream.next()) else { return nil }
        return Aggregate(mean: xs.reduce(0, +) / Double(xs.count), low: interval.low, high: interval.high, count: xs.count, pValue: nil)
    }
}

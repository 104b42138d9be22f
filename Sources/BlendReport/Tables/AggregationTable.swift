import BlendCore

/// Pairwise ranker × aggregation rule: one row per method with an `aggregation`, with the
/// ranker's name (`pair-ranker(length)`), the rule's id and each metric's mean
/// and interval, best per column in bold. Empty (and the section omitted) when no method has one.
public struct AggregationTable: Sendable {
    public var header: [String]
    public var rows: [[PlainTable.Cell]]

    public init(_ document: ResultDocument) {
        header = ["Ranker", "Aggregation"] + document.metrics.map { "\($0.label) \($0.higherIsBetter ? "↑" : "↓")" }
        let methods = document.methods.filter { $0.aggregation != nil }
        let best = document.metrics.map { metric -> Double? in
            let means = methods.compactMap { document.aggregates[$0.key]?[metric.id]?.mean }
            return metric.higherIsBetter ? means.max() : means.min()
        }
        rows = methods.map { method in
            let ranker = method.ranker?.name ?? method.label
            let rule = method.aggregation?.id ?? "?"
            return [PlainTable.Cell(ranker), PlainTable.Cell(rule)] + document.metrics.enumerated().map { i, metric in
                guard let a = document.aggregates[method.key]?[metric.id] else { return PlainTable.Cell("–") }
                return PlainTable.Cell(NumberFormat.value(a.mean), bold: methods.count > 1 && a.mean == best[i],
                                       suffix: " [\(NumberFormat.value(a.low)), \(NumberFormat.value(a.high))]")
            }
        }
    }

    public var isEmpty: Bool { rows.isEmpty }

    public static let legend = "Pairwise rankers under each aggregation rule (how a matrix of pairwise comparisons becomes "
        + "one ranking). Mean over examples with its 95 % bootstrap interval; bold: best per column."

    public var plain: PlainTable {
        PlainTable(id: "aggregation", caption: Self.legend, header: header, groups: [PlainTable.Group(title: nil, rows: rows)])
    }
}

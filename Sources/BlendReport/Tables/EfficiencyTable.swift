import BlendCore

/// Comparisons versus quality (the paper's efficiency figure): methods that state `comparisons`
/// (pairwise comparisons per example), with
/// each metric's mean and interval. Empty (and the section omitted) when no method states it.
/// The plot draws the first metric over the number of comparisons, one series per ranker and
/// aggregation rule (`oracle-pair + random-pairs`, so a rule at several settings is one line),
/// or per method group for methods without a rule.
public struct EfficiencyTable: Sendable {
    public struct Row: Sendable {
        public var comparisons: Double
        public var label: String
        public var group: MethodInfo.Group
        public var values: [Aggregate?]
        /// The plot's series: "ranker + rule" for pairwise rows, else the group's title.
        public var series: String = ""
    }

    public var metrics: [MetricInfo]
    public var rows: [Row]

    public init(_ document: ResultDocument) {
        metrics = document.metrics
        rows = document.methods.compactMap { method -> Row? in
            guard let n = method.comparisons else { return nil }
            var row = Row(comparisons: n, label: method.label, group: method.group,
                          values: document.metrics.map { document.aggregates[method.key]?[$0.id] })
            let rule = method.aggregation?.id
            let ranker = method.ranker?.id
            row.series = rule.map { r in ranker.map { "\($0) + \(r)" } ?? r } ?? method.group.title
            return row
        }.sorted { ($0.comparisons, $0.label) < ($1.comparisons, $1.label) }
    }

    public var isEmpty: Bool { rows.isEmpty }

    public static let legend = "Quality against cost: pairwise comparisons per example for each method that states them. "
        + "Mean over examples with its 95 % bootstrap interval."

    public var plain: PlainTable {
        PlainTable(id: "efficiency", caption: Self.legend,
                   header: ["Method", "Comparisons"] + metrics.map { "\($0.label) \($0.higherIsBetter ? "↑" : "↓")" },
                   groups: [PlainTable.Group(title: nil, rows: rows.map { row in
                       [PlainTable.Cell(row.label), PlainTable.Cell(NumberFormat.setting(row.comparisons))] + row.values.map { a in
                           a.map { PlainTable.Cell(NumberFormat.value($0.mean), suffix: " [\(NumberFormat.value($0.low)), \(NumberFormat.value($0.high))]") }
                               ?? PlainTable.Cell("–")
                       }
                   })])
    }

    public var svg: String? {
        guard let metric = metrics.first else { return nil }
        var names: [String] = []
        for row in rows where !names.contains(row.series) { names.append(row.series) }
        let series = names.compactMap { name -> SVGPlot.Series? in
            let points = rows.filter { $0.series == name }.compactMap { row in
                row.values[0].map { SVGPlot.Point(x: row.comparisons, y: $0.mean, low: $0.low, high: $0.high) }
            }
            return points.isEmpty ? nil : SVGPlot.Series(name: name, points: points)
        }
        return series.isEmpty ? nil : SVGPlot.lines(title: "\(metric.label) by comparisons per example",
                                                    xLabel: "pairwise comparisons per example", yLabel: metric.label, series: series)
    }
}

import BlendCore

/// The top-K sweep: blender methods with a `topK`, one row per method ordered by K, each metric's mean and interval. Empty (and the
/// section omitted) when no blender method has one. The plot draws one line per metric over K
/// with its interval band.
public struct TopKTable: Sendable {
    public struct Row: Sendable {
        public var k: Double
        public var label: String
        /// Per metric, in document order; nil where the metric did not apply.
        public var values: [Aggregate?]
    }

    public var metrics: [MetricInfo]
    public var rows: [Row]

    public init(_ document: ResultDocument) {
        metrics = document.metrics
        rows = document.methods.compactMap { method -> Row? in
            guard method.group == .blender,
                  let k = method.topK.map(Double.init) else { return nil }
            return Row(k: k, label: method.label, values: document.metrics.map { document.aggregates[method.key]?[$0.id] })
        }.sorted { ($0.k, $0.label) < ($1.k, $1.label) }
    }

    public var isEmpty: Bool { rows.isEmpty }

    public static let legend = "Blender output quality by the number of top-ranked candidates K given to the fuser. "
        + "Mean over examples; the interval (band in the plot) is the 95 % bootstrap interval."

    public var plain: PlainTable {
        PlainTable(id: "top-k", caption: Self.legend,
                   header: ["K", "Method"] + metrics.map { "\($0.label) \($0.higherIsBetter ? "↑" : "↓")" },
                   groups: [PlainTable.Group(title: nil, rows: rows.map { row in
                       [PlainTable.Cell(NumberFormat.setting(row.k)), PlainTable.Cell(row.label)] + row.values.map { a in
                           a.map { PlainTable.Cell(NumberFormat.value($0.mean), suffix: " [\(NumberFormat.value($0.low)), \(NumberFormat.value($0.high))]") }
                               ?? PlainTable.Cell("–")
                       }
                   })])
    }

    /// One plot per metric: the mean over K with its interval band.
    public var svgs: [String] {
        metrics.enumerated().compactMap { i, metric in
            let points = rows.compactMap { row in row.values[i].map { SVGPlot.Point(x: row.k, y: $0.mean, low: $0.low, high: $0.high) } }
            guard !points.isEmpty else { return nil }
            return SVGPlot.lines(title: "\(metric.label) by top-K", xLabel: "K (candidates fused)", yLabel: metric.label,
                                 series: [SVGPlot.Series(name: metric.label, points: points)])
        }
    }
}

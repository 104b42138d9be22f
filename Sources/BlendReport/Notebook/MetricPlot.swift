import BlendCore

/// A notebook's `plot:` cell: one metric against a swept parameter of one experiment (`k`: the
/// blender rows' top K; `comparisons`: pairwise comparisons per example), one line per ranker
/// (and rule or fuser), or across experiments (`experiment`: one bar per experiment and row).
public enum MetricPlot {
    public enum Axis: String, Sendable, CaseIterable {
        case k, comparisons, experiment
    }

    /// The plot and the table of its points. `rows` filters the rows (labels); empty = every row
    /// with a value on the axis.
    public static func part(_ entries: [RowsTable.Entry], axis: Axis, metric: String, rows: [String]) -> ReportSection.Part {
        let label = entries.lazy.compactMap { $0.document.metric(named: metric) }.first?.label ?? metric
        var points: [(series: String, x: Double, row: String, experiment: String, value: Aggregate)] = []
        for entry in entries {
            let document = entry.document
            guard let m = document.metric(named: metric) else { continue }
            let methods = rows.isEmpty ? document.methods : rows.compactMap(document.method(named:))
            for method in methods {
                guard let a = document.aggregates[method.key]?[m.id] else { continue }
                switch axis {
                case .k:
                    guard let k = method.topK else { continue }
                    let series = [method.ranker?.name, method.fuser?.name].compactMap { $0 }.joined(separator: " + ")
                    points.append((series.isEmpty ? label : series, Double(k), method.label, entry.experiment, a))
                case .comparisons:
                    guard let n = method.comparisons else { continue }
                    let series = [method.ranker?.name, method.aggregation?.id].compactMap { $0 }.joined(separator: " + ")
                    points.append((series.isEmpty ? method.group.title : series, n, method.label, entry.experiment, a))
                case .experiment:
                    points.append((method.label, 0, method.label, entry.experiment, a))
                }
            }
        }
        let title: String, svg: String
        switch axis {
        case .experiment:
            title = "\(label) across experiments"
            svg = SVGPlot.bars(title: title, items: points.map { ("\($0.experiment): \($0.row)", $0.value.mean) })
        case .k, .comparisons:
            title = axis == .k ? "\(label) by top-K" : "\(label) by comparisons per example"
            var names: [String] = []
            for p in points where !names.contains(p.series) { names.append(p.series) }
            let series = names.map { name in
                SVGPlot.Series(name: name, points: points.filter { $0.series == name }.map {
                    SVGPlot.Point(x: $0.x, y: $0.value.mean, low: $0.value.low, high: $0.value.high)
                })
            }
            svg = SVGPlot.lines(title: title, xLabel: axis == .k ? "K (candidates fused)" : "pairwise comparisons per example",
                                yLabel: label, series: series)
        }
        let table = PlainTable(id: "plot", caption: title, header: ["Row", axis == .experiment ? "Experiment" : axis.rawValue, label],
                               groups: [PlainTable.Group(title: nil, rows: points.map { p in
                                   [PlainTable.Cell(p.row), PlainTable.Cell(axis == .experiment ? p.experiment : NumberFormat.setting(p.x)),
                                    PlainTable.Cell(NumberFormat.value(p.value.mean), suffix: " [\(NumberFormat.value(p.value.low)), \(NumberFormat.value(p.value.high))]")]
                               })])
        let legend = "Mean over examples; bands and brackets: the 95 % bootstrap interval."
        let html = "<figure>\n\(svg)</figure>\n<details><summary>as a table</summary>\n\(table.html)</details>\n"
            + "<p class=\"legend\">\(Escape.html(legend))</p>\n"
        return ReportSection.Part(title: title, table: table, legend: legend, plots: [svg], html: html)
    }
}

import Foundation
import BlendCore

/// One top-K selection view (`topk_views:`, see `TopKViewResult`): per K, the oracle top-K recall
/// of the first ranker row and, with a second row, each metric of the second row's pick among
/// the first row's top K. The plots draw the recall over K and each metric of the pick over K,
/// with their interval bands.
public struct TopKViewTable: Sendable {
    public var view: TopKViewResult
    public var metrics: [MetricInfo]
    /// The table's file stem: `topk-view`, then `topk-view-2`, ...
    public var id: String

    public init(_ view: TopKViewResult, metrics: [MetricInfo], index: Int) {
        self.view = view
        self.metrics = metrics
        self.id = index == 0 ? "topk-view" : "topk-view-\(index + 1)"
    }

    /// Every view of `document`, in experiment-file order.
    public static func all(_ document: ResultDocument) -> [TopKViewTable] {
        (document.topKViews ?? []).enumerated().map { TopKViewTable($1, metrics: document.metrics, index: $0) }
    }

    public var title: String {
        view.second.map { "Top-K of \(view.first), picked by \($0)" } ?? "Top-K of \(view.first)"
    }

    public var legend: String {
        var text = "Pure selection, no model calls. Oracle-best in top K: % of examples where a candidate of oracle rank 1 "
            + "is among \(view.first)'s K highest-ranked candidates."
        if let second = view.second {
            text += " Metric columns: the candidate \(second) ranks highest among those K, evaluated with the experiment's metrics."
        }
        return text + " Mean over examples with its 95 % bootstrap interval."
    }

    /// The metrics with a value in some row.
    var shown: [MetricInfo] { metrics.filter { m in view.rows.contains { $0.bestOf[m.id] != nil } } }

    public var plain: PlainTable {
        let shown = shown
        func cell(_ a: Aggregate?) -> PlainTable.Cell {
            a.map { PlainTable.Cell(NumberFormat.value($0.mean), suffix: " [\(NumberFormat.value($0.low)), \(NumberFormat.value($0.high))]") }
                ?? PlainTable.Cell("–")
        }
        return PlainTable(id: id, caption: legend,
                          header: ["K", "Oracle-best in top K % ↑"] + shown.map { "\($0.label) of pick \($0.higherIsBetter ? "↑" : "↓")" },
                          groups: [PlainTable.Group(title: nil, rows: view.rows.map { row in
                              [PlainTable.Cell(String(row.k)), cell(row.recall)] + shown.map { cell(row.bestOf[$0.id]) }
                          })])
    }

    public var svgs: [String] {
        func points(_ value: (TopKViewResult.Row) -> Aggregate?) -> [SVGPlot.Point] {
            view.rows.compactMap { row in value(row).map { SVGPlot.Point(x: Double(row.k), y: $0.mean, low: $0.low, high: $0.high) } }
        }
        var plots = [SVGPlot.lines(title: "Oracle-best in \(view.first)'s top K", xLabel: "K", yLabel: "% of examples",
                                   series: [SVGPlot.Series(name: "oracle top-K recall", points: points { $0.recall })])]
        for metric in shown {
            plots.append(SVGPlot.lines(title: "\(metric.label) of the pick among the top K", xLabel: "K", yLabel: metric.label,
                                       series: [SVGPlot.Series(name: view.second ?? metric.label, points: points { $0.bestOf[metric.id] })]))
        }
        return plots
    }
}

/// The free texts of an experiment file (`notes:`, `reading:`) as paragraphs: split on blank
/// lines, line breaks inside a paragraph joined with spaces, each escaped by the renderer.
enum TextBlock {
    static func paragraphs(_ text: String) -> [String] {
        var out: [String] = [], current: [String] = []
        for line in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                if !current.isEmpty { out.append(current.joined(separator: " ")); current = [] }
            } else {
                current.append(trimmed)
            }
        }
        if !current.isEmpty { out.append(current.joined(separator: " ")) }
        return out
    }

    static func markdown(_ text: String) -> String {
        paragraphs(text).map { Escape.markdownParagraph($0) + "\n\n" }.joined()
    }

    static func html(_ text: String, className: String? = nil) -> String {
        let attribute = className.map { " class=\"\($0)\"" } ?? ""
        return paragraphs(text).map { "<p\(attribute)>\(Escape.html($0))</p>\n" }.joined()
    }
}

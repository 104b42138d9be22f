import BlendCore

/// Chosen rows and metrics side by side across one or more result documents (a notebook's
/// `compare:` cell, or `show: {rows: [...]}`): one row per experiment and row, each metric's mean
/// with its 95 % interval. Rows and metrics must exist (the notebook checks them first); a
/// metric a document lacks prints "–".
public struct RowsTable: Sendable {
    public struct Entry: Sendable {
        public var experiment: String
        public var document: ResultDocument

        public init(experiment: String, document: ResultDocument) {
            self.experiment = experiment
            self.document = document
        }
    }

    public var plain: PlainTable

    /// `metrics`: names as `ResultDocument.metric(named:)` reads them; nil = the first entry's metrics.
    public init(_ entries: [Entry], rows: [String], metrics: [String]?, id: String = "compare") {
        let names = metrics ?? entries.first.map { $0.document.metrics.map(\.id) } ?? []
        let labels = names.map { name in entries.lazy.compactMap { $0.document.metric(named: name) }.first.map {
            "\($0.label) \($0.higherIsBetter ? "↑" : "↓")" } ?? name }
        let several = entries.count > 1
        var tableRows: [[PlainTable.Cell]] = []
        for entry in entries {
            for row in rows {
                guard let method = entry.document.method(named: row) else { continue }
                let cells = names.map { name -> PlainTable.Cell in
                    guard let metric = entry.document.metric(named: name), let a = entry.document.aggregates[method.key]?[metric.id] else {
                        return PlainTable.Cell("–")
                    }
                    return PlainTable.Cell(NumberFormat.value(a.mean), suffix: " [\(NumberFormat.value(a.low)), \(NumberFormat.value(a.high))]")
                }
                tableRows.append((several ? [PlainTable.Cell(entry.experiment)] : []) + [PlainTable.Cell(method.label)] + cells)
            }
        }
        plain = PlainTable(id: id, caption: Self.legend, header: (several ? ["Experiment"] : []) + ["Row"] + labels,
                           groups: [PlainTable.Group(title: nil, rows: tableRows)])
    }

    public static let legend = "Mean over each experiment's evaluated examples with its 95 % bootstrap interval; "
        + "experiments differ in examples and split, so compare rows within one experiment first."

    /// The formatted mean of `metric` for `row` (or the row's diagnostic of that name), as an
    /// inline value prints it; nil when absent.
    public static func value(_ document: ResultDocument, row: String, metric: String) -> String? {
        guard let method = document.method(named: row) else { return nil }
        if let m = document.metric(named: metric) { return document.aggregates[method.key]?[m.id].map { NumberFormat.value($0.mean) } }
        return document.diagnostic(metric, row: row).map(NumberFormat.value)
    }
}

import BlendCore

/// The registry of report sections, in page order. `report.tables: [...]` in an experiment file
/// selects and orders them (`ExperimentInfo.tables`; absent: every section, in this order).
public enum ReportSections {
    public static let all: [ReportSection] = [
        ReportSection(id: "main", title: "Main table") { document in
            let table = MainTable(document)
            return [.init(title: "Main table", table: table.plain, legend: table.legend { $0 },
                          markdown: MarkdownReport.mainTable(table), html: HTMLReport.mainTable(table))]
        },
        ReportSection(id: "correlation", title: "Ranker correlation with the oracle") { document in
            let table = CorrelationTable(document)
            return table.isEmpty ? [] : [.init(title: "Ranker correlation with the oracle", table: table.plain, legend: CorrelationTable.legend)]
        },
        ReportSection(id: "aggregation", title: "Aggregation rules") { document in
            let table = AggregationTable(document)
            return table.isEmpty ? [] : [.init(title: "Aggregation rules", table: table.plain, legend: AggregationTable.legend)]
        },
        ReportSection(id: "top-k", title: "Top-K sweep") { document in
            let table = TopKTable(document)
            return table.isEmpty ? [] : [.init(title: "Top-K sweep", table: table.plain, legend: TopKTable.legend, plots: table.svgs)]
        },
        ReportSection(id: "efficiency", title: "Comparisons versus quality") { document in
            let table = EfficiencyTable(document)
            return table.isEmpty ? [] : [.init(title: "Comparisons versus quality", table: table.plain, legend: EfficiencyTable.legend,
                                               plots: table.svg.map { [$0] } ?? [])]
        },
        ReportSection(id: "oracle-best", title: "Which model is oracle-best") { document in
            let table = OracleShareTable(document)
            guard !table.isEmpty else { return [] }
            let html = "<figure>\n\(table.svg)</figure>\n<details><summary>as a table</summary>\n\(table.plain.html)</details>\n"
                + "<p class=\"legend\">\(Escape.html(OracleShareTable.legend))</p>\n"
            return [.init(title: "Which model is oracle-best", table: table.plain, legend: OracleShareTable.legend, plots: [table.svg], html: html)]
        },
        ReportSection(id: "training", title: "Training") { document in
            let table = TrainingTable(document)
            return table.isEmpty ? [] : [.init(title: "Training", table: table.plain, legend: TrainingTable.legend)]
        },
        ReportSection(id: "learned-weights", title: "Learned weights") { document in
            let table = LearnedWeightsTable(document)
            return table.isEmpty ? [] : [.init(title: "Learned weights", table: table.plain, legend: LearnedWeightsTable.legend)]
        },
        ReportSection(id: "topk-view", title: "Top-K views") { document in
            TopKViewTable.all(document).map { .init(title: $0.title, table: $0.plain, legend: $0.legend, plots: $0.svgs) }
        },
    ]

    public static var ids: [String] { all.map(\.id) }

    public static func section(_ id: String) -> ReportSection? { all.first { $0.id == id } }

    /// The sections `document` shows, in its order: those its experiment's `report.tables`
    /// names (ids no section has are skipped), or every section.
    public static func selected(_ document: ResultDocument) -> [ReportSection] {
        guard let ids = document.experiment.tables else { return all }
        return ids.compactMap(section)
    }

    /// The parts of the selected sections that have data, in page order.
    public static func parts(_ document: ResultDocument) -> [ReportSection.Part] {
        selected(document).flatMap { $0.parts(document) }
    }
}

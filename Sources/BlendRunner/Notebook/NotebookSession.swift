import BlendCore
import BlendReport
import Foundation

/// The state of one notebook render: results loaded so far (by spec hash, so cells and values
/// that read the same experiment read it once), what was computed, and the files read.
struct NotebookSession {
    /// A result a cell reads, with where it came from.
    struct Loaded {
        var name: String
        var document: ResultDocument
        /// The folder of `results/NAME/` when the result is the published one (its examples.json).
        var folder: String?
        var provenance: NotebookPage.Provenance
    }

    let runner: NotebookRunner
    let notebook: NotebookFile
    var memo: [String: Loaded] = [:]
    var computed: [Int: [Plan.Line]] = [:]
    var inputs: Set<String> = []

    init(runner: NotebookRunner, notebook: NotebookFile) {
        self.runner = runner
        self.notebook = notebook
        inputs.insert(notebook.path)
    }

    /// One cell's output, or its error in place.
    mutating func cell(_ source: String, line: Int, index: Int, closed: Bool) async -> NotebookPage.Cell {
        var out = NotebookPage.Cell(index: index, line: line, summary: NotebookCell.summary(source), source: source)
        guard closed else {
            out.error = "\(notebook.path):\(line): cell \(index) is not closed; end it with a line holding only ```"
            return out
        }
        do {
            let cell = try NotebookCell.decode(source, line: line, index: index, file: notebook.path, notebook: notebook.name)
            let locate = { (path: String, message: String) in cell.document.error(path, message) }
            switch cell.kind {
            case .run(let request, let show):
                let loaded = try await load(request, cell: index, locate: locate)
                out.provenance = [loaded.provenance]
                for item in show { out.parts += try parts(item, loaded, locate: locate) }
            case .compare(let requests, let rows, let metrics):
                var entries: [RowsTable.Entry] = []
                for request in requests {
                    let loaded = try await load(request, cell: index, locate: locate)
                    try check(rows: rows, metrics: metrics, in: loaded, at: "compare", locate: locate)
                    entries.append(RowsTable.Entry(experiment: loaded.name, document: loaded.document))
                    out.provenance.append(loaded.provenance)
                }
                out.parts = [ReportSection.Part(title: "Compared across \(entries.map(\.experiment).joined(separator: ", "))",
                                                table: RowsTable(entries, rows: rows, metrics: metrics).plain, legend: RowsTable.legend)]
            case .plot(let requests, let axis, let metric, let rows):
                var entries: [RowsTable.Entry] = []
                for request in requests {
                    let loaded = try await load(request, cell: index, locate: locate)
                    try check(rows: rows, metrics: [metric], in: loaded, at: "plot", locate: locate, metricKey: "plot.metric")
                    entries.append(RowsTable.Entry(experiment: loaded.name, document: loaded.document))
                    out.provenance.append(loaded.provenance)
                }
                let part = MetricPlot.part(entries, axis: axis, metric: metric, rows: rows)
                guard !part.table.groups.allSatisfy({ $0.rows.isEmpty }) else {
                    throw locate("plot.x", "no row of \(entries.map(\.experiment).joined(separator: ", ")) has a value for x: \(axis.rawValue)"
                                 + (axis == .k ? " (blender rows with a top K)" : axis == .comparisons ? " (pairwise rows)" : ""))
                }
                out.parts = [part]
            case .examples(let request, let first, let second, let limit):
                let loaded = try await load(request, cell: index, locate: locate)
                try check(rows: [first, second], metrics: nil, in: loaded, at: "examples", locate: locate, rowKey: "methods")
                let texts = try loaded.folder.flatMap { try ExampleTexts.read(from: $0) }
                out.parts = [DisagreementPart.part(loaded.document, texts: texts, first: loaded.document.method(named: first)!,
                                                   second: loaded.document.method(named: second)!, limit: limit, anchor: "cell-\(index)-ex")]
                out.provenance = [loaded.provenance]
            }
        } catch let error as SpecError where error.file == notebook.path {
            out.error = error.description
        } catch let error as any BlendlabError {
            out.error = "\(notebook.path):\(line): cell \(index): \(error.errorMessage)"
        } catch {
            out.error = "\(notebook.path):\(line): cell \(index): \(error)"
        }
        return out
    }

    /// The value of `{{ EXPERIMENT: ROW . METRIC }}`: the metric's mean for the row, printed as in tables.
    mutating func value(_ reference: String, line: Int) async -> NotebookPage.Value {
        let file = notebook.path
        let locate = { (_: String, message: String) in
            SpecError(file: file, line: line, keyPath: "{{ \(reference) }}", message: message)
        }
        guard let colon = reference.firstIndex(of: ":"), let dot = reference.range(of: " . ", options: .backwards), colon < dot.lowerBound else {
            return .init(text: nil, error: locate("", "write {{ EXPERIMENT: ROW . METRIC }}, e.g. {{ rankers: stack . oracle-rank }}").description)
        }
        let experiment = reference[..<colon].trimmingCharacters(in: .whitespaces)
        let row = reference[reference.index(after: colon)..<dot.lowerBound].trimmingCharacters(in: .whitespaces)
        let metric = reference[dot.upperBound...].trimmingCharacters(in: .whitespaces)
        do {
            let loaded = try await load(NotebookCell.Request(experiment: experiment, keyPath: ""), cell: 0, locate: locate)
            let isDiagnostic = ResultDocument.diagnosticNames.contains(metric)
            try check(rows: [row], metrics: isDiagnostic ? nil : [metric], in: loaded, at: "", locate: locate)
            guard let text = RowsTable.value(loaded.document, row: row, metric: metric) else {
                throw locate("", "row '\(row)' has no value for \(metric) in \(experiment)"
                             + (isDiagnostic ? " (correlations exist for ranker rows only)" : ""))
            }
            return .init(text: text, error: nil)
        } catch let error as any BlendlabError {
            let message = error.errorMessage
            return .init(text: nil, error: message.hasPrefix(notebook.path) ? message : "\(notebook.path):\(line): {{ \(reference) }}: \(message)")
        } catch {
            return .init(text: nil, error: "\(notebook.path):\(line): {{ \(reference) }}: \(error)")
        }
    }

    func parts(_ show: NotebookCell.Show, _ loaded: Loaded, locate: (String, String) -> SpecError) throws -> [ReportSection.Part] {
        switch show {
        case .section(let id, let path):
            let parts = ReportSections.section(id)?.parts(loaded.document) ?? []
            guard !parts.isEmpty else { throw locate(path, "\(loaded.name) has no data for section '\(id)'") }
            return parts
        case .plot(let id, let path):
            let parts = (ReportSections.section(id)?.parts(loaded.document) ?? []).filter { !$0.plots.isEmpty }
            guard !parts.isEmpty else { throw locate(path, "\(loaded.name) has no plot '\(id)'") }
            return parts.map { part in
                let legend = "<p class=\"legend\">\(Escape.html(part.legend))</p>\n"
                return ReportSection.Part(title: part.title, table: part.table, legend: part.legend, plots: part.plots,
                                          markdown: Escape.markdownCell(part.legend) + "\n\n",
                                          html: part.plots.map { "<figure>\n\($0)</figure>\n" }.joined() + legend)
            }
        case .rows(let rows, let metrics, let path):
            try check(rows: rows, metrics: metrics, in: loaded, at: path, locate: locate)
            return [ReportSection.Part(title: "Selected rows of \(loaded.name)",
                                       table: RowsTable([.init(experiment: loaded.name, document: loaded.document)], rows: rows, metrics: metrics).plain,
                                       legend: RowsTable.legend)]
        }
    }

    /// Every row and metric named exists in the result, else an error at its key path listing what does.
    func check(rows: [String], metrics: [String]?, in loaded: Loaded, at path: String, locate: (String, String) -> SpecError,
               rowKey: String = "rows", metricKey: String? = nil) throws {
        let prefix = path.isEmpty ? "" : path + "."
        for (i, row) in rows.enumerated() where loaded.document.method(named: row) == nil {
            throw locate("\(prefix)\(rowKey)[\(i)]", "no row '\(row)' in \(loaded.name); rows: \(loaded.document.methods.map(\.label).joined(separator: ", "))")
        }
        for (i, metric) in (metrics ?? []).enumerated() where loaded.document.metric(named: metric) == nil {
            throw locate(metricKey ?? "\(prefix)metrics[\(i)]",
                         "no metric '\(metric)' in \(loaded.name); metrics: \(loaded.document.metrics.map(\.id).joined(separator: ", "))"
                            + (path.isEmpty ? "; ranker correlations: \(ResultDocument.diagnosticNames.joined(separator: ", "))" : ""))
        }
    }
}

import BlendCore
import BlendReport
import Foundation

/// Renders a notebook: decodes every cell, finds or computes the results each reads, and
/// builds the page. A `run:` cell whose `results/EXPERIMENT/result.json` was computed from the
/// same spec (`ResultDocument.computationHash`) is shown from that file; else from the
/// notebook's own store (`results/notebooks/NAME/cells/`); else it is computed through the
/// cache by the same stages as `blendlab run` and stored there. `rerun` skips both files. A
/// failing cell keeps its error and the others still render.
public struct NotebookRunner: Sendable {
    public var options: RunOptions
    public var experimentsDirectory: String
    public var rerun: Bool

    /// What one render did per cell: where each result came from and, for computed ones, the
    /// cache's hits and misses per stage and component.
    public struct Report: Sendable {
        public var page: NotebookPage
        /// Per cell index: the stage lines of the runs it computed (empty: served from files).
        public var computed: [Int: [Plan.Line]]
        /// Experiment files the notebook read, for `--watch`.
        public var inputs: [String]
    }

    public init(options: RunOptions, experimentsDirectory: String = "Experiments", rerun: Bool = false) {
        self.options = options
        self.experimentsDirectory = experimentsDirectory
        self.rerun = rerun
    }

    /// `results/notebooks/NAME/`.
    public func directory(for notebook: NotebookFile) -> String {
        ((options.resultsDirectory as NSString).appendingPathComponent("notebooks") as NSString).appendingPathComponent(notebook.name)
    }

    public func render(_ notebook: NotebookFile) async throws -> Report {
        var session = NotebookSession(runner: self, notebook: notebook)
        var blocks: [NotebookPage.Block] = []
        var values: [String: NotebookPage.Value] = [:]
        var index = 0
        for block in notebook.blocks {
            switch block {
            case .prose(let text, let line):
                for (reference, offset) in Self.references(in: text) where values[reference] == nil {
                    values[reference] = await session.value(reference, line: line + offset)
                }
                blocks.append(.prose(text))
            case .cell(let source, let line, let closed):
                index += 1
                blocks.append(.cell(await session.cell(source, line: line, index: index, closed: closed)))
            }
        }
        let page = NotebookPage(name: notebook.name, file: notebook.path, blocks: blocks, values: values)
        return Report(page: page, computed: session.computed, inputs: session.inputs.sorted())
    }

    /// Writes index.html, README.md and the plot files into `directory`; throws a
    /// `NotebookError` (exit 2) after writing when a cell or a value failed.
    public func write(_ report: Report, notebook: NotebookFile) throws {
        let directory = directory(for: notebook)
        let markdown = NotebookMarkdown.render(report.page)
        try ResultFiles.writeAtomically(Data(NotebookHTML.render(report.page).utf8), to: (directory as NSString).appendingPathComponent("index.html"))
        try ResultFiles.writeAtomically(Data(markdown.text.utf8), to: (directory as NSString).appendingPathComponent("README.md"))
        let plots = (directory as NSString).appendingPathComponent("plots")
        for (path, svg) in markdown.files {
            try ResultFiles.writeAtomically(Data(svg.utf8), to: (directory as NSString).appendingPathComponent(path))
        }
        // Plots of cells that no longer draw them are removed.
        let written = Set(markdown.files.map { ($0.path as NSString).lastPathComponent })
        for name in (try? FileManager.default.contentsOfDirectory(atPath: plots)) ?? [] where name.hasSuffix(".svg") && !written.contains(name) {
            try? FileManager.default.removeItem(atPath: (plots as NSString).appendingPathComponent(name))
        }
        let errors = report.page.errors
        if !errors.isEmpty {
            throw NotebookError(notebook: notebook.path, page: (directory as NSString).appendingPathComponent("index.html"), errors: errors)
        }
    }

    /// The `{{ ... }}` references of a prose block, with the line offset of each.
    static func references(in text: String) -> [(String, Int)] {
        var out: [(String, Int)] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
                out.append((rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces), offset))
                rest = rest[close.upperBound...]
            }
        }
        return out
    }
}

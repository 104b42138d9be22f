import BlendCore

/// A notebook as rendered: its prose and its cells' outputs in file order, and the values its
/// prose quotes. Built by the notebook runner (BlendRunner) from result documents; rendered by
/// `NotebookHTML` (index.html) and `NotebookMarkdown` (README.md). Every text from results is
/// escaped by the renderers.
public struct NotebookPage: Sendable {
    public enum Block: Sendable {
        /// Markdown prose, `{{ ... }}` references resolved through `values`.
        case prose(String)
        case cell(Cell)
    }

    /// A quoted number (`{{ rankers: stack . oracle-rank }}`): its printed value, or the error.
    public struct Value: Sendable {
        public var text: String?
        public var error: String?

        public init(text: String?, error: String?) {
            self.text = text
            self.error = error
        }
    }

    /// Where one result a cell shows came from.
    public struct Provenance: Sendable {
        public var experiment: String
        public var specHash: String
        public var commit: String
        public var computedAt: String
        /// `results/main-table/result.json`, or how it was computed now.
        public var origin: String

        public init(experiment: String, specHash: String, commit: String, computedAt: String, origin: String) {
            self.experiment = experiment
            self.specHash = specHash
            self.commit = commit
            self.computedAt = computedAt
            self.origin = origin
        }

        public var line: String {
            "\(experiment): spec hash \(specHash.prefix(12)), commit \(commit.prefix(12)), computed \(computedAt); \(origin)"
        }
    }

    public struct Cell: Sendable {
        /// 1-based, in file order.
        public var index: Int
        /// The line of the cell's opening fence in the notebook file.
        public var line: Int
        /// A one-line summary (`run: main-table`).
        public var summary: String
        /// The cell's YAML as written.
        public var source: String
        public var parts: [ReportSection.Part]
        public var provenance: [Provenance]
        /// The error that stopped the cell (file, line, key, what to fix); nil when it rendered.
        public var error: String?

        public init(index: Int, line: Int, summary: String, source: String, parts: [ReportSection.Part] = [],
                    provenance: [Provenance] = [], error: String? = nil) {
            self.index = index
            self.line = line
            self.summary = summary
            self.source = source
            self.parts = parts
            self.provenance = provenance
            self.error = error
        }
    }

    public var name: String
    /// The notebook file (`Notebooks/llm-blender.md`).
    public var file: String
    public var blocks: [Block]
    /// By the reference as written between the braces, trimmed.
    public var values: [String: Value]

    public init(name: String, file: String, blocks: [Block], values: [String: Value]) {
        self.name = name
        self.file = file
        self.blocks = blocks
        self.values = values
    }

    public var cells: [Cell] {
        blocks.compactMap { if case .cell(let c) = $0 { c } else { nil } }
    }

    /// The page title: the first `# ` heading of the prose, else the name.
    public var title: String {
        for case .prose(let text) in blocks {
            for line in text.split(separator: "\n") where line.hasPrefix("# ") {
                return line.dropFirst(2).trimmingCharacters(in: .whitespaces)
            }
        }
        return name
    }

    /// Every error of the page: failing cells and unresolved inline values.
    public var errors: [String] {
        cells.compactMap(\.error) + values.keys.sorted().compactMap { values[$0]?.error }
    }
}

import BlendCore

/// One section of an experiment's pages (`main`, `correlation`, `top-k`, ...): an id, a title,
/// and a function from the result document to its parts. The Markdown page, the HTML page, the
/// LaTeX/CSV exports, the site index and notebooks' `show:` all read the sections from
/// `ReportSections`, so adding a table is one section there and one test.
public struct ReportSection: Sendable {
    /// Stable kebab-case id used in `report.tables: [...]`, in notebooks' `show:` and as the
    /// file stem of the section's first table.
    public let id: String
    public let title: String
    /// The section's parts for a document; empty when the document has no data for it (the
    /// section is then omitted everywhere).
    public let parts: @Sendable (ResultDocument) -> [Part]

    public init(id: String, title: String, parts: @escaping @Sendable (ResultDocument) -> [Part]) {
        self.id = id
        self.title = title
        self.parts = parts
    }

    /// One table of a section with its legend and plots. Most sections have one part; `topk-view`
    /// has one per view.
    public struct Part: Sendable {
        public var title: String
        public var table: PlainTable
        public var legend: String
        /// Inline SVG plots, drawn above the table on the HTML page and in notebooks.
        public var plots: [String]
        /// A bespoke Markdown body (heading excluded), when the plain table's is not the page's.
        public var markdown: String?
        /// A bespoke HTML body (heading excluded), when the plain table's is not the page's.
        public var html: String?

        public init(title: String, table: PlainTable, legend: String, plots: [String] = [], markdown: String? = nil, html: String? = nil) {
            self.title = title
            self.table = table
            self.legend = legend
            self.plots = plots
            self.markdown = markdown
            self.html = html
        }

        /// The part's body in Markdown: the table and its legend.
        public var markdownBody: String {
            markdown ?? table.markdown + "\n" + Escape.markdownCell(legend) + "\n\n"
        }

        /// The part's body in HTML: plots, the table and its legend.
        public var htmlBody: String {
            html ?? plots.map { "<figure>\n\($0)</figure>\n" }.joined() + table.html + "<p class=\"legend\">\(Escape.html(legend))</p>\n"
        }
    }
}

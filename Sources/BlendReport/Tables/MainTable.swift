import BlendCore

/// The paper's main table as data: rows grouped as individual LLMs / oracles / rankers /
/// blender, a column per metric, each cell the mean with its interval, the best per column and
/// group marked, and a mark where the paired test against the baseline gives p < `alpha`.
public struct MainTable: Sendable {
    public struct Cell: Sendable {
        public var mean: String
        public var interval: String
        public var isBest: Bool
        public var isSignificant: Bool
        public var pValue: String?
    }

    public struct Row: Sendable {
        public var label: String
        public var isBaseline: Bool
        public var cells: [Cell?]
    }

    public struct Group: Sendable {
        public var title: String
        public var rows: [Row]
    }

    public var columns: [(label: String, higherIsBetter: Bool)]
    public var groups: [Group]
    public var baseline: String?
    public static let alpha = 0.05

    public init(_ document: ResultDocument) {
        columns = document.metrics.map { ($0.label, $0.higherIsBetter) }
        baseline = document.methods.first { $0.key == document.experiment.baseline }?.label
        groups = MethodInfo.Group.allCases.compactMap { group in
            let methods = document.methods.filter { $0.group == group }
            guard !methods.isEmpty else { return nil }
            let best: [Double?] = document.metrics.map { metric in
                let means = methods.compactMap { document.aggregates[$0.key]?[metric.id]?.mean }
                return metric.higherIsBetter ? means.max() : means.min()
            }
            let rows = methods.map { method in
                Row(label: method.label, isBaseline: method.key == document.experiment.baseline,
                    cells: document.metrics.enumerated().map { i, metric in
                        guard let a = document.aggregates[method.key]?[metric.id] else { return nil }
                        return Cell(mean: NumberFormat.value(a.mean),
                                    interval: "[\(NumberFormat.value(a.low)), \(NumberFormat.value(a.high))]",
                                    isBest: methods.count > 1 && a.mean == best[i],
                                    isSignificant: (a.pValue ?? 1) < Self.alpha,
                                    pValue: a.pValue.map(NumberFormat.pValue))
                    })
            }
            return Group(title: group.title, rows: rows)
        }
    }

    /// The sentence under the table that says what the marks mean; `escape` makes the
    /// baseline's name safe for the output format.
    public func legend(escape: (String) -> String) -> String {
        var parts = ["Mean over examples with its 95 % bootstrap interval (1,000 resamples, seeded)."]
        parts.append("Bold: best in its group.")
        if let baseline {
            parts.append("†: differs from the baseline \(escape(baseline)) with p < \(Self.alpha) (paired sign-flip permutation test, 5,000 permutations).")
        }
        return parts.joined(separator: " ")
    }


    /// The table for the LaTeX and CSV exports: each cell `mean [low, high]`, † where significant.
    public var plain: PlainTable {
        PlainTable(id: "main", caption: "Main table. " + legend { $0 },
                   header: ["Method"] + columns.map { "\($0.label) \($0.higherIsBetter ? "↑" : "↓")" },
                   groups: groups.map { group in
                       PlainTable.Group(title: group.title, rows: group.rows.map { row in
                           [PlainTable.Cell(row.label + (row.isBaseline ? " (baseline)" : ""))] + row.cells.map { cell in
                               guard let cell else { return PlainTable.Cell("–") }
                               return PlainTable.Cell(cell.mean, bold: cell.isBest, suffix: " \(cell.interval)\(cell.isSignificant ? " †" : "")")
                           }
                       })
                   })
    }
}

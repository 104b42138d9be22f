import BlendCore

/// The paper's ranker-correlation table (its Table 3, digest section 7.2) as data: one row per
/// ranker with diagnostics, in method order. Pearson, Spearman and Kendall tau-b are the
/// paper's way (per model across examples, averaged over models) and x100 as the paper prints
/// them; Spearman per example is added for comparison; footrule is the mean per example; top-3
/// recall is a percentage. Undefined values print as "–". Best per column (oracle rows excluded) is bold.
public struct CorrelationTable: Sendable {
    public static let columns: [(label: String, higherIsBetter: Bool)] = [
        ("Pearson", true), ("Spearman", true), ("Kendall τ-b", true), ("Spearman per example", true),
        ("Footrule", false), ("Top-3 recall %", true),
    ]

    public struct Row: Sendable {
        public var label: String
        public var cells: [String]
        /// Per cell: the best value in its column among the non-oracle rows (bold, as in the paper).
        public var isBest: [Bool] = []
    }

    public var rows: [Row]

    public init(_ document: ResultDocument) {
        let diagnostics = document.diagnostics ?? [:]
        let measured = document.methods.compactMap { method -> (MethodInfo, [Double?])? in
            guard let d = diagnostics[method.key] else { return nil }
            let recall3 = d.topKRecall.first { $0.k == 3 }.map { $0.value * 100 }
            return (method, [d.perModel.pearson.map { $0 * 100 }, d.perModel.spearman.map { $0 * 100 },
                             d.perModel.kendallTauB.map { $0 * 100 }, d.perExample.spearman.map { $0 * 100 },
                             d.footrule, recall3])
        }
        let contenders = measured.filter { $0.0.group != .oracle }
        let best = Self.columns.enumerated().map { i, column -> Double? in
            let values = contenders.compactMap { $0.1[i] }
            return contenders.count > 1 ? (column.higherIsBetter ? values.max() : values.min()) : nil
        }
        rows = measured.map { method, values in
            Row(label: method.label, cells: values.map { $0.map(NumberFormat.value) ?? "–" },
                isBest: values.enumerated().map { i, v in method.group != .oracle && v != nil && v == best[i] })
        }
    }

    public var isEmpty: Bool { rows.isEmpty }

    public static let legend = "Agreement of each ranker's candidate ranks with the oracle's. Pearson, Spearman (average ranks for ties) "
        + "and Kendall τ-b: per model across examples, averaged over models (the paper's way), ×100. Spearman per example: "
        + "across the candidates of each example, averaged over examples, ×100. Footrule: mean over examples of "
        + "Σ |ranker rank − oracle rank| (lower is better). Top-3 recall: share of the oracle's top 3 found in the ranker's top 3."

    public var plain: PlainTable {
        PlainTable(id: "correlation", caption: "Ranker correlation with the oracle. " + Self.legend,
                   header: ["Ranker"] + Self.columns.map { "\($0.label) \($0.higherIsBetter ? "↑" : "↓")" },
                   groups: [PlainTable.Group(title: nil, rows: rows.map { row in
                       [PlainTable.Cell(row.label)] + row.cells.enumerated().map { i, cell in
                           PlainTable.Cell(cell, bold: row.isBest.indices.contains(i) && row.isBest[i])
                       }
                   })])
    }
}

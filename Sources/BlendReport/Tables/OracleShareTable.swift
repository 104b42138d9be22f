import BlendCore
import Foundation

/// The paper's Figure 1 as data: for each model, the share of examples where the oracle ranks
/// it first. An example whose best rank is shared counts once for each tied model; the shares
/// are then normalised to sum to 100, as in the paper. Computed from `examples[].oracleRanks`
/// and `candidates`; models that are never first are listed with 0. Sorted by share, then name.
public struct OracleShareTable: Sendable {
    public struct Row: Sendable, Equatable {
        public var model: String
        /// Examples where the model was (one of the) oracle-best.
        public var firsts: Int
        /// `firsts` over the sum of all models' `firsts`, ×100.
        public var percent: Double
    }

    public var rows: [Row]
    public var examples: Int

    public init(_ document: ResultDocument) {
        var counts: [String: Int] = [:]
        for model in document.data.candidates { counts[model.rawValue] = 0 }
        for example in document.examples {
            for (model, rank) in zip(example.candidates, example.oracleRanks) {
                counts[model.rawValue, default: 0] += rank == 1 ? 1 : 0
            }
        }
        let total = counts.values.reduce(0, +)
        examples = document.examples.count
        rows = total == 0 ? [] : counts.map { Row(model: $0.key, firsts: $0.value, percent: Double($0.value) / Double(total) * 100) }
            .sorted { ($0.firsts, $1.model) > ($1.firsts, $0.model) }
    }

    public var isEmpty: Bool { rows.isEmpty }

    public static let legend = "Share of examples where each model ranks first by the oracle (the paper's Figure 1). "
        + "An example with tied best candidates counts for each of them; shares are normalised to sum to 100."

    public var plain: PlainTable {
        PlainTable(id: "oracle-best", caption: Self.legend, header: ["Model", "Oracle-best (%)", "Examples ranked first"],
                   groups: [PlainTable.Group(title: nil, rows: rows.map {
                       [PlainTable.Cell($0.model), PlainTable.Cell(String(format: "%.2f", $0.percent)), PlainTable.Cell(String($0.firsts))]
                   })])
    }

    /// Horizontal bars, one per model.
    public var svg: String {
        SVGPlot.bars(title: "Oracle-best share (%)", items: rows.map { ($0.model, $0.percent) })
    }
}

import BlendCore

/// What training did, per trained ranker: examples, epochs, the kept epoch and its losses.
/// Empty (and the section omitted) when the run trained nothing.
public struct TrainingTable: Sendable {
    public var rows: [(ranker: String, report: TrainingReport)]

    public init(_ document: ResultDocument) {
        rows = (document.training ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    public var isEmpty: Bool { rows.isEmpty }

    public static let legend = "Trained rankers: examples of the training data (validation carved off by instruction hash), "
        + "epochs run before early stopping, the epoch whose weights were kept (best validation accuracy, then lowest validation loss) and its losses. "
        + "Validation accuracy: pairwise rankers, the share of validation pairs ordered as the oracle orders them; "
        + "pointwise rankers, the share of validation examples whose top-scored candidate is oracle-best."

    public var plain: PlainTable {
        PlainTable(id: "training", caption: Self.legend,
                   header: ["Ranker", "Train examples", "Validation examples", "Epochs", "Kept epoch", "Train loss",
                            "Validation loss", "Validation accuracy"],
                   groups: [PlainTable.Group(title: nil, rows: rows.map { row in
                       let r = row.report, k = r.bestEpoch - 1
                       return [PlainTable.Cell(row.ranker), PlainTable.Cell(String(r.trainExamples)),
                               PlainTable.Cell(String(r.validationExamples)), PlainTable.Cell(String(r.trainLoss.count)),
                               PlainTable.Cell(String(r.bestEpoch)), PlainTable.Cell(NumberFormat.value(r.trainLoss[k])),
                               PlainTable.Cell(NumberFormat.value(r.validationLoss[k])),
                               PlainTable.Cell(NumberFormat.value(r.validationAccuracy[k]))]
                   })])
    }
}

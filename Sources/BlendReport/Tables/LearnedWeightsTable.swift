import BlendCore

/// What the linear learned rankers (`stack`) rely on: per ranker, each input's weight on the
/// standardised scale (one deviation of the input moves the score by the weight), the mean over
/// its fold models with the smallest and largest fold's weight, largest magnitude first; then the
/// candidate models a model had no prior for. Empty (and the section omitted) when no trained
/// ranker of the run is linear.
public struct LearnedWeightsTable: Sendable {
    public var groups: [PlainTable.Group]

    public init(_ document: ResultDocument) {
        var byRanker: [String: [TrainingReport]] = [:]
        for (name, report) in document.training ?? [:] where report.weights != nil {
            byRanker[Self.rankerName(name), default: []].append(report)
        }
        groups = byRanker.keys.sorted().map { ranker in
            let reports = byRanker[ranker]!
            var values: [String: [Double]] = [:]
            for report in reports { for w in report.weights ?? [] { values[w.name, default: []].append(w.weight) } }
            let mean = values.mapValues { $0.reduce(0, +) / Double(reports.count) }
            let names = values.keys.sorted { abs(mean[$0]!) != abs(mean[$1]!) ? abs(mean[$0]!) > abs(mean[$1]!) : $0 < $1 }
            var rows: [[PlainTable.Cell]] = names.map { name in
                let v = values[name]!
                return [PlainTable.Cell(name), PlainTable.Cell(NumberFormat.value(mean[name]!),
                                                               suffix: reports.count > 1 ? " [\(NumberFormat.value(v.min()!)), \(NumberFormat.value(v.max()!))]" : "")]
            }
            let unseen = Set(reports.flatMap { $0.unseenModels ?? [] }).sorted()
            if !unseen.isEmpty { rows.append([PlainTable.Cell("no prior (never seen in training)"), PlainTable.Cell(unseen.joined(separator: ", "))]) }
            return PlainTable.Group(title: ranker + (reports.count > 1 ? " (\(reports.count) fold models)" : ""), rows: rows)
        }
    }

    /// `stack [fold 2/5]` -> `stack`.
    static func rankerName(_ report: String) -> String {
        guard report.hasSuffix("]"), let open = report.range(of: " [fold ", options: .backwards) else { return report }
        return String(report[..<open.lowerBound])
    }

    public var isEmpty: Bool { groups.isEmpty }

    public static let legend = "Learned weights of the linear rankers on standardised inputs: one standard deviation of an input "
        + "(over the training candidates) moves the score by its weight; `prior: MODEL` is a candidate model's learned prior. "
        + "With k-fold cross-fitting, the mean over the fold models and [smallest, largest]."

    public var plain: PlainTable {
        PlainTable(id: "learned-weights", caption: Self.legend, header: ["Input", "Weight"], groups: groups)
    }
}

import BlendCore

/// Finding a row and a metric of a result document by the names a notebook writes.
extension ResultDocument {
    /// The row named `name`: its label (`stack`, `pair-ranker + max-logits`), its key
    /// (`ranker:stack`), or a model name (`wizardlm-13b`).
    public func method(named name: String) -> MethodInfo? {
        methods.first { $0.label == name } ?? methods.first { $0.key == name || $0.key == "llm:" + name }
    }

    /// The metric named `name`: its id (`oracle-rank`, `top-k(k=3)`), its label (`Top-3 %`), or
    /// the id's part before the parameters when only one metric has it (`bertscore`).
    public func metric(named name: String) -> MetricInfo? {
        if let m = metrics.first(where: { $0.id == name || $0.label == name }) { return m }
        let stems = metrics.filter { $0.id.split(separator: "(").first.map(String.init) == name }
        return stems.count == 1 ? stems[0] : nil
    }

    /// The ranker-correlation columns an inline value can quote, as the correlation table prints
    /// them (×100, per model across examples; footrule per example; top-3 recall in %).
    public static let diagnosticNames = ["pearson", "spearman", "kendall", "spearman-per-example", "footrule", "top-3-recall"]

    /// A ranker row's diagnostic `name` (one of `diagnosticNames`); nil when the row has none.
    public func diagnostic(_ name: String, row: String) -> Double? {
        guard let method = method(named: row), let d = diagnostics?[method.key] else { return nil }
        switch name {
        case "pearson": return d.perModel.pearson.map { $0 * 100 }
        case "spearman": return d.perModel.spearman.map { $0 * 100 }
        case "kendall": return d.perModel.kendallTauB.map { $0 * 100 }
        case "spearman-per-example": return d.perExample.spearman.map { $0 * 100 }
        case "footrule": return d.footrule
        case "top-3-recall": return d.topKRecall.first { $0.k == 3 }.map { $0.value * 100 }
        default: return nil
        }
    }

    /// The hash of the spec this document was computed from, less the presentation (`report:`,
    /// which older documents kept in the spec): equal to the spec hash of an experiment file
    /// that would compute the same result today.
    public var computationHash: String {
        guard case .object(var fields) = spec else { return spec.hash }
        fields["report"] = nil
        return JSONValue.object(fields).hash
    }
}

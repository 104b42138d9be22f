/// The paper's ">= Vic (%)" / ">= OA (%)" columns (digest sections 6-7): per example 100 when the
/// judge rates the output at least as good as the `baseline` model's answer, else 0; the mean
/// over examples is the percentage. Uses `Oracle.compare` (scores: higher wins, equal ties;
/// pairwise verdicts: "Same good"/"Same bad" tie).
///
/// `ties`: `ties-count-for-both` (the paper's reading, default: a tie counts as >=) or `strict`
/// (only a win counts). No value where the output is the baseline's own answer (the paper's
/// N/A), where the example has no answer from the baseline or no verdict on the pair, or for a
/// new text without a judge. Higher is better; deterministic.
public struct BeatsBaselineMetric: OutputMetric {
    public static let id = "beats-baseline"
    public static let version = 1
    public static let reads: ExampleInputs = [.candidates, .oracle]
    public static let tieRules = ["ties-count-for-both", "strict"]

    public let baseline: ModelName
    public let tiesCount: Bool
    public var parameters: JSONValue {
        .object(["baseline": .string(baseline.rawValue), "ties": .string(tiesCount ? "ties-count-for-both" : "strict")])
    }
    public var label: String { tiesCount ? ">= \(baseline) % (ties count)" : "> \(baseline) % (strict)" }
    public var higherIsBetter: Bool { true }

    public init(baseline: ModelName, tiesCount: Bool = true) {
        self.baseline = baseline
        self.tiesCount = tiesCount
    }

    public func value(of output: EvaluatedOutput, in example: Example, context: ComponentContext) async throws -> Double? {
        guard case .candidate(let i) = output, example.candidates.indices.contains(i) else { return nil }
        let model = example.candidates[i].model
        guard model != baseline, let verdict = example.oracle.compare(model, baseline) else { return nil }
        return verdict > 0 || (verdict == 0 && tiesCount) ? 100 : 0
    }
}

/// The paper's ">= Vic (%)" / ">= OA (%)" columns (digest sections 6-7): per example 100 when the
/// judge rates the output at least as good as the `baseline` model's answer, else 0; the mean
/// over examples is the percentage. Uses `Oracle.compare` (scores: higher wins, equal ties;
/// pairwise verdicts: "Same good"/"Same bad" tie).
///
/// `ties`: `ties-count-for-both` (the paper's reading, default: a tie counts as >=) or `strict`
/// (only a win counts). No value where the output is the baseline's own answer (the paper's
/// N/A), where the example has no answer from the baseline or no verdict on the pair, or for a
/// new text without a judge. Higher is better; deterministic.
public struct BeatsBaselineMetric: OutputMetric, Configurable {
    public static let id = "beats-baseline"
    public static let version = 1
    public static let reads: ExampleInputs = [.candidates, .oracle]

    public enum Ties: String, ParameterChoice { case tiesCountForBoth = "ties-count-for-both", strict }

    public struct Parameters: ComponentParameters {
        /// The model to compare with (required), e.g. vicuna-13b.
        public var baseline = ""
        public var ties = Ties.tiesCountForBoth
        public init() {}
        public func validate() throws {
            guard !baseline.isEmpty else { throw ParameterError.invalid(key: "baseline", message: "required: the model to compare with, e.g. vicuna-13b") }
        }
    }

    public let params: Parameters
    public init(_ params: Parameters) { self.params = params }

    var baseline: ModelName { ModelName(params.baseline) }
    var tiesCount: Bool { params.ties == .tiesCountForBoth }
    public var label: String { tiesCount ? ">= \(baseline) % (ties count)" : "> \(baseline) % (strict)" }
    public var higherIsBetter: Bool { true }

    public func value(of output: EvaluatedOutput, in example: Example, context: ComponentContext) async throws -> Double? {
        guard case .candidate(let i) = output, example.candidates.indices.contains(i) else { return nil }
        let model = example.candidates[i].model
        guard model != baseline, let verdict = example.oracle.compare(model, baseline) else { return nil }
        return verdict > 0 || (verdict == 0 && tiesCount) ? 100 : 0
    }
}

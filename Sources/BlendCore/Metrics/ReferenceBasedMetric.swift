/// A metric that compares the evaluated output's text with the example's reference output
/// `example.references[context.reference]` (the experiment's `dataset.reference`). It has no
/// value where the experiment names no reference or the example lacks it. Deterministic; reads
/// the candidates and references (so both are in its cache keys).
public protocol ReferenceBasedMetric: OutputMetric {
    /// The value for one (hypothesis, reference) pair.
    func value(hypothesis: String, reference: String) -> Double
    /// The values of several hypotheses against one reference, in order (default: one
    /// `value(hypothesis:reference:)` each; BLEU and chrF prepare the reference once).
    func values(hypotheses: [String], reference: String) -> [Double]
}

extension ReferenceBasedMetric {
    public static var reads: ExampleInputs { [.candidates, .references] }
    public var higherIsBetter: Bool { true }
    public var storesCandidateValues: Bool { true }

    public func values(hypotheses: [String], reference: String) -> [Double] {
        hypotheses.map { value(hypothesis: $0, reference: reference) }
    }

    public func candidateValues(in example: Example, context: ComponentContext) async throws -> [Double?] {
        guard let name = context.reference, let reference = example.references[name] else {
            return [Double?](repeating: nil, count: example.candidates.count)
        }
        return values(hypotheses: example.candidates.map(\.text), reference: reference)
    }

    public func value(of output: EvaluatedOutput, in example: Example, context: ComponentContext) async throws -> Double? {
        guard let name = context.reference, let reference = example.references[name] else { return nil }
        switch output {
        case .candidate(let i):
            guard example.candidates.indices.contains(i) else { return nil }
            return value(hypothesis: example.candidates[i].text, reference: reference)
        case .text(let text):
            return value(hypothesis: text, reference: reference)
        }
    }
}

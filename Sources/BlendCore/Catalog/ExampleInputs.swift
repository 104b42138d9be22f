/// The parts of an example a component reads. Cache keys hash exactly these parts, so editing a
/// candidate text invalidates a ranker's entry but changing the judge does not (unless the
/// component reads the oracle).
public struct ExampleInputs: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let source = ExampleInputs(rawValue: 1)
    public static let candidates = ExampleInputs(rawValue: 2)
    public static let oracle = ExampleInputs(rawValue: 4)
    public static let references = ExampleInputs(rawValue: 8)
}

extension Example {
    /// The cache-key description of the parts of this example in `inputs`: the id, and a SHA-256
    /// per text, so `cache explain` can say which text changed.
    public func keyFields(_ inputs: ExampleInputs) -> JSONValue {
        var fields: [String: JSONValue] = ["id": .string(id.rawValue)]
        if inputs.contains(.source) { fields["source"] = .string(SHA256.hex(instruction + "\u{0}" + input)) }
        if inputs.contains(.candidates) {
            fields["candidates"] = .array(candidates.map { .object(["model": .string($0.model.rawValue), "text": .string(TextDigests.hex($0.text))]) })
        }
        if inputs.contains(.oracle) { fields["oracle"] = .string(oracle.canonical.hash) }
        if inputs.contains(.references) {
            fields["references"] = .object(references.mapValues { .string(TextDigests.hex($0)) })
        }
        return .object(fields)
    }
}

extension Oracle {
    /// A canonical description of the judge's verdicts (for hashing).
    public var canonical: JSONValue {
        switch self {
        case .scores(let byModel):
            .object(["scores": .object(Dictionary(uniqueKeysWithValues: byModel.map { ($0.key.rawValue, JSONValue.double($0.value)) }))])
        case .pairwise(let verdicts):
            .object(["pairwise": .array(verdicts.map { .array([.string($0.a.rawValue), .string($0.b.rawValue), .string($0.outcome.rawValue)]) })])
        }
    }
}

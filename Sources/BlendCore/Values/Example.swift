/// The name of a candidate model (`vicuna-13b`).
public struct ModelName: RawRepresentable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(rawValue) }
    public var description: String { rawValue }
    public static func < (a: ModelName, b: ModelName) -> Bool { a.rawValue < b.rawValue }
}

/// The identifier of one example (one instruction) in a data set.
public struct ExampleID: RawRepresentable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(rawValue) }
    public var description: String { rawValue }
    public static func < (a: ExampleID, b: ExampleID) -> Bool { a.rawValue < b.rawValue }
}

/// One model's answer to an example's instruction.
public struct Candidate: Sendable, Hashable, Codable {
    public var model: ModelName
    public var text: String

    public init(model: ModelName, text: String) {
        self.model = model
        self.text = text
    }
}

/// One instruction with its candidate answers, reference outputs and oracle.
public struct Example: Sendable, Hashable, Codable {
    public var id: ExampleID
    public var instruction: String
    /// Extra input appended to the instruction (MixInstruct's `input`); often empty.
    public var input: String
    /// Reference outputs by name (`gpt4_1106_preview`, `output`).
    public var references: [String: String]
    public var candidates: [Candidate]
    public var oracle: Oracle

    public init(id: ExampleID, instruction: String, input: String = "", references: [String: String] = [:],
                candidates: [Candidate], oracle: Oracle) {
        self.id = id
        self.instruction = instruction
        self.input = input
        self.references = references
        self.candidates = candidates
        self.oracle = oracle
    }

    /// The source text as the paper's code builds it: instruction and input concatenated.
    public var source: String { input.isEmpty ? instruction : instruction + "\n" + input }

    /// Index of `model` among the candidates, if it answered this example.
    public func index(of model: ModelName) -> Int? { candidates.firstIndex { $0.model == model } }

    /// Oracle ranks of the candidates, 1 = best, ties sharing the best rank.
    public var oracleRanks: [Int] { oracle.ranks(models: candidates.map(\.model)) }

    /// A hash of everything about the example that a ranker may read: instruction, input and
    /// each candidate's model and text. Cache keys use it so an edited text is a miss.
    public var contentHash: String {
        var parts = [instruction, input]
        for c in candidates { parts.append(c.model.rawValue); parts.append(c.text) }
        return JSONValue.array(parts.map(JSONValue.string)).hash
    }
}

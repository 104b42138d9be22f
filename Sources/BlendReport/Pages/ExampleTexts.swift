import BlendCore
import Foundation

/// `examples.json`, written by the runner beside result.json: the texts the result document
/// leaves out to stay small (instruction, input, every candidate's text, and any new text a
/// method produced, such as a fused output). The example browser is rendered from it and
/// result.json, so `blendlab report` re-renders it from the folder alone. Examples are in the
/// document's order and keys are sorted, so the same run writes the same bytes.
public struct ExampleTexts: Sendable, Codable, Equatable {
    public static let fileName = "examples.json"
    public static let currentSchema = 1

    public struct Entry: Sendable, Codable, Equatable {
        public var id: ExampleID
        public var instruction: String
        public var input: String
        /// Candidate texts in the order of `ExampleResult.candidates`.
        public var candidates: [Candidate]
        /// New texts by method key (a fuser's output); empty when every method selects.
        public var outputs: [String: String]

        public init(id: ExampleID, instruction: String, input: String, candidates: [Candidate], outputs: [String: String] = [:]) {
            self.id = id
            self.instruction = instruction
            self.input = input
            self.candidates = candidates
            self.outputs = outputs
        }
    }

    public var schema: Int
    public var examples: [Entry]

    public init(examples: [Entry]) {
        self.schema = Self.currentSchema
        self.examples = examples
    }

    public init(_ examples: [Example], outputs: [ExampleID: [String: String]] = [:]) {
        self.init(examples: examples.map {
            Entry(id: $0.id, instruction: $0.instruction, input: $0.input, candidates: $0.candidates, outputs: outputs[$0.id] ?? [:])
        })
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// The texts in `directory`, or nil when the folder has no examples.json (older runs).
    public static func read(from directory: String) throws -> ExampleTexts? {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(ExampleTexts.self, from: data)
        } catch {
            throw ReportError.unreadable(path: path, reason: "\(error)")
        }
    }

    /// Entries by example id, for lookups while rendering.
    var byID: [ExampleID: Entry] {
        Dictionary(examples.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

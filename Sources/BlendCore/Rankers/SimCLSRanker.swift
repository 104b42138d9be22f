/// SimCLS-style similarity ranker, untrained (the paper's SimCLS baseline, digest section 3, without
/// its contrastive training): s_i = cos(e(x), e(y_i)), the cosine of the L2-normalised sentence
/// embeddings of the instruction (instruction + input) and of the candidate, from the encoder
/// `model` (default the native all-MiniLM-L6-v2; mean pooling as the encoder defines it). The
/// learned projection of issue 5 is not built. Needs `context.encoders` (the runner and CLI give
/// the native one). Deterministic; equal scores tie (broken by candidate order).
public struct SimCLSRanker: PointwiseRanker {
    public static let id = "simcls"
    public static let version = 1
    public static let reads: ExampleInputs = [.source, .candidates]

    public let model: String
    public var parameters: JSONValue { .object(["model": .string(model)]) }

    public init(model: String = "models/all-MiniLM-L6-v2") { self.model = model }

    public func scores(for example: Example, context: ComponentContext) async throws -> [Double] {
        guard let provider = context.encoders else { throw EncodingError.noEncoder(component: Self.id) }
        let encoder = try await provider.encoder(model: model)
        let source = example.input.isEmpty ? example.instruction : example.instruction + "\n" + example.input
        let vectors = try await encoder.sentenceEmbeddings([source] + example.candidates.map(\.text))
        guard let query = vectors.first else { return [] }
        return vectors.dropFirst().map { v in
            var dot: Float = 0
            for (a, b) in zip(query, v) { dot += a * b }
            return Double(dot)
        }
    }
}

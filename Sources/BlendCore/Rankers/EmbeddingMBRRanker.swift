/// Minimum-Bayes-risk consensus by embeddings: s_i = mean_{j != i} cos(e(c_i), e(c_j)), the
/// candidate's mean cosine similarity to the other candidates, with e the L2-normalised sentence
/// embedding of encoder `model` (default the native all-MiniLM-L6-v2; with `backend:` the model
/// that backend serves at `/v1/embeddings`). The embedding variant of
/// `mbr`; it reads neither the instruction nor a reference. N = 1 scores 0. Deterministic;
/// invariant to candidate order; equal scores tie (broken by candidate order).
public struct EmbeddingMBRRanker: PointwiseRanker, EncoderUser, BackendUser, Configurable {
    public static let id = "mbr-embedding"
    public static let version = 1
    public static let reads: ExampleInputs = [.candidates]

    public var params: EncoderParameters
    public var encoderModels: [String] { params.encoder.encoderModels }
    public var backendNames: [String] { params.encoder.backendNames }
    public var keysEmptyBackends: Bool { false }
    public var displayName: String { params.label(Self.id) }

    public init(_ params: EncoderParameters = .init()) { self.params = params }

    public func scores(for example: Example, context: ComponentContext) async throws -> [Double] {
        let n = example.candidates.count
        guard n > 1 else { return [Double](repeating: 0, count: n) }
        let vectors = try await params.encoder.encoder(context, component: Self.id).sentenceEmbeddings(example.candidates.map(\.text))
        var scores = [Double](repeating: 0, count: n)
        for i in 0..<n {
            for j in (i + 1)..<n {
                var dot: Float = 0
                for (a, b) in zip(vectors[i], vectors[j]) { dot += a * b }
                scores[i] += Double(dot)
                scores[j] += Double(dot)
            }
        }
        return scores.map { $0 / Double(n - 1) }
    }
}

import BlendCore

/// Opens native encoders by model directory and keeps each loaded once.
public actor NativeEncoderProvider: TextEncoderProvider {
    private var loaded: [String: NativeTextEncoding] = [:]
    private var pairModels: [PairKey: PairRMModel] = [:]

    struct PairKey: Hashable {
        var model: String
        var source: Int?, candidate: Int?
    }

    public init(threads: Int? = nil) {
        if let threads { Blas.setThreads(threads) }
    }

    public func encoder(model: String) async throws -> any TextEncoding {
        if let encoding = loaded[model] { return encoding }
        let encoding = NativeTextEncoding(model: try EncoderModel(directory: model))
        loaded[model] = encoding
        return encoding
    }

    /// The PairRM in `model` with the given truncation, loaded once per (directory, lengths).
    func pairModel(_ model: String, source: Int?, candidate: Int?) throws -> PairRMModel {
        let key = PairKey(model: model, source: source, candidate: candidate)
        if let m = pairModels[key] { return m }
        let m = try PairRMModel(directory: model, sourceMaxLength: source, candidateMaxLength: candidate)
        pairModels[key] = m
        return m
    }

    /// Loads on the actor, computes off it (concurrent pairs run in parallel).
    public nonisolated func pairLogit(model: String, source: String, a: String, b: String, sourceTokens: Int?, candidateTokens: Int?) async throws -> Double {
        let m = try await pairModel(model, source: sourceTokens, candidate: candidateTokens)
        return try m.logits([(source: source, a: a, b: b)])[0]
    }
}

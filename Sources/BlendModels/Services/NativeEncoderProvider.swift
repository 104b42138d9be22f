import BlendCore

/// Opens native encoders by model directory and keeps each loaded once.
public actor NativeEncoderProvider: TextEncoderProvider {
    private var loaded: [String: NativeTextEncoding] = [:]
    private var pairModels: [SegmentKey: PairRMModel] = [:]

    struct SegmentKey: Hashable {
        var model: String
        var tokens: SegmentTokens
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

    /// The PairRM in `model` with `tokens`' truncation, loaded once per (directory, tokens).
    func pairModel(_ model: String, tokens: SegmentTokens) throws -> PairRMModel {
        let key = SegmentKey(model: model, tokens: tokens)
        if let m = pairModels[key] { return m }
        let m = try PairRMModel(directory: model, sourceMaxLength: tokens.source, candidateMaxLength: tokens.candidate)
        pairModels[key] = m
        return m
    }

    /// Loads on the actor, computes off it (concurrent pairs run in parallel).
    public nonisolated func pairLogit(model: String, source: String, a: String, b: String, tokens: SegmentTokens) async throws -> Double {
        let m = try await pairModel(model, tokens: tokens)
        return try m.logits([(source: source, a: a, b: b)])[0]
    }
}

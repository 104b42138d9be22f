import BlendCore

/// Opens native encoders by model directory and keeps each loaded once.
public actor NativeEncoderProvider: TextEncoderProvider {
    private var loaded: [String: NativeTextEncoding] = [:]

    public init(threads: Int? = nil) {
        if let threads { Blas.setThreads(threads) }
    }

    public func encoder(model: String) async throws -> any TextEncoding {
        if let encoding = loaded[model] { return encoding }
        let encoding = NativeTextEncoding(model: try EncoderModel(directory: model))
        loaded[model] = encoding
        return encoding
    }
}

extension EncoderModel {
    /// Sentence embeddings as sentence-transformers computes them for this kind of model: mean
    /// of the last layer over all tokens (`[CLS]` and `[SEP]` included), then L2 normalisation
    /// (`v / max(‖v‖, 1e-12)`). Texts are truncated to `maxLength` tokens (256 by default,
    /// all-MiniLM-L6-v2's max_seq_length), sorted by length and encoded `batchSize` at a time;
    /// results come back in input order.
    public func embed(_ texts: [String], batchSize: Int = 32, maxLength: Int = 256) throws -> [[Float]] {
        let ids = texts.map { tokenizer.encode($0, maxLength: min(maxLength, config.maxPositions)) }
        let h = config.hiddenSize
        var out = [[Float]](repeating: [], count: texts.count)
        for batch in Self.batches(lengths: ids.map(\.count), size: batchSize) {
            let states = try encoder.hiddenStates(batch.map { ids[$0] })
            var row = 0
            for index in batch {
                var v = [Float](repeating: 0, count: h)
                let n = ids[index].count
                for t in 0..<n {
                    let base = (row + t) * h
                    for j in 0..<h { v[j] += states[base + j] }
                }
                row += n
                var norm: Float = 0
                for j in 0..<h {
                    v[j] /= Float(n)
                    norm += v[j] * v[j]
                }
                let inv = 1 / max(norm.squareRoot(), 1e-12)
                for j in 0..<h { v[j] *= inv }
                out[index] = v
            }
        }
        return out
    }

    /// The hidden states of `layer` (0 = embeddings, `config.layers` = last) for every token of
    /// every text, `[CLS]`/`[SEP]` included; texts truncated to `maxLength` tokens.
    public func tokenStates(_ texts: [String], layer: Int, batchSize: Int = 32, maxLength: Int = 512) throws -> [TokenStates] {
        let ids = texts.map { tokenizer.encode($0, maxLength: min(maxLength, config.maxPositions)) }
        let h = config.hiddenSize
        var out = [TokenStates](repeating: TokenStates(ids: [], vectors: [], dimension: h), count: texts.count)
        for batch in Self.batches(lengths: ids.map(\.count), size: batchSize) {
            let states = try encoder.hiddenStates(batch.map { ids[$0] }, layer: layer)
            var row = 0
            for index in batch {
                let n = ids[index].count
                out[index] = TokenStates(ids: ids[index], vectors: Array(states[(row * h)..<((row + n) * h)]), dimension: h)
                row += n
            }
        }
        return out
    }

    /// Index batches of at most `size`, longest texts first, so similar lengths share a batch.
    static func batches(lengths: [Int], size: Int) -> [[Int]] {
        let order = lengths.indices.sorted { lengths[$0] != lengths[$1] ? lengths[$0] > lengths[$1] : $0 < $1 }
        let size = max(1, size)
        return stride(from: 0, to: order.count, by: size).map { Array(order[$0..<min($0 + size, order.count)]) }
    }
}

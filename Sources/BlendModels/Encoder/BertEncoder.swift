/// The BERT forward pass on OpenBLAS.
///
/// A batch is packed: the real tokens of all sequences are stacked into one `[T × H]` matrix
/// (T = the sum of the lengths), so the dense layers never compute padding, and attention runs
/// per sequence over its own tokens only. The result equals that of a padded batch with an
/// attention mask (masked scores contribute exactly zero after the softmax), and it does not
/// depend on which other sequences share the batch.
public final class BertEncoder: Sendable {
    public let config: BertConfig
    public let weights: BertWeights

    public init(config: BertConfig, weights: BertWeights) {
        self.config = config
        self.weights = weights
    }

    /// The hidden states after transformer layer `layer` (0 = the embedding output, `config.layers`
    /// = the last layer) for every token of every sequence, packed `[T × H]` in sequence order.
    /// `types` are token type ids (segment ids), all 0 when nil.
    public func hiddenStates(_ sequences: [[Int32]], types: [[Int32]]? = nil, layer: Int? = nil) throws -> [Float] {
        let layer = layer ?? config.layers
        guard (0...config.layers).contains(layer) else {
            throw ModelError.invalidArgument("layer \(layer) is out of range 0...\(config.layers)")
        }
        if let types, types.count != sequences.count {
            throw ModelError.invalidArgument("\(types.count) token type sequences for \(sequences.count) sequences")
        }
        for (s, ids) in sequences.enumerated() {
            guard !ids.isEmpty, ids.count <= config.maxPositions else {
                throw ModelError.invalidArgument("sequence \(s) has \(ids.count) tokens; it must have 1...\(config.maxPositions)")
            }
            if let bad = ids.first(where: { $0 < 0 || Int($0) >= config.vocabSize }) {
                throw ModelError.invalidArgument("token id \(bad) is outside the vocabulary (\(config.vocabSize))")
            }
            if let types, types[s].count != ids.count || types[s].contains(where: { $0 < 0 || Int($0) >= config.typeVocabSize }) {
                throw ModelError.invalidArgument("sequence \(s): token type ids must match its length and lie in 0..<\(config.typeVocabSize)")
            }
        }
        let lengths = sequences.map(\.count)
        let total = lengths.reduce(0, +)
        let h = config.hiddenSize
        var x = [Float](repeating: 0, count: total * h)
        let work = Workspace(tokens: total, hidden: h, intermediate: config.intermediateSize, maxLength: lengths.max() ?? 0)
        x.withUnsafeMutableBufferPointer { xb in
            guard let xp = xb.baseAddress else { return }
            embed(sequences, types: types, into: xp)
            for n in 0..<layer { run(weights.layers[n], x: xp, lengths: lengths, work: work) }
        }
        return x
    }

    func embed(_ sequences: [[Int32]], types: [[Int32]]?, into x: UnsafeMutablePointer<Float>) {
        let h = config.hiddenSize
        let word = weights.wordEmbeddings.pointer, position = weights.positionEmbeddings.pointer, type = weights.typeEmbeddings.pointer
        var row = 0
        for (s, ids) in sequences.enumerated() {
            for (p, id) in ids.enumerated() {
                let out = x + row * h
                let w = word + Int(id) * h, pos = position + p * h, t = type + Int(types?[s][p] ?? 0) * h
                for j in 0..<h { out[j] = w[j] + pos[j] + t[j] }
                row += 1
            }
        }
        Kernels.addLayerNorm(x, residual: nil, rows: row, cols: h, norm: weights.embeddingNorm, eps: Float(config.layerNormEps))
    }

    func run(_ layer: BertWeights.Layer, x: UnsafeMutablePointer<Float>, lengths: [Int], work: Workspace) {
        let h = config.hiddenSize, heads = config.heads, dh = h / heads
        let rows = lengths.reduce(0, +)
        let eps = Float(config.layerNormEps)
        let scale = 1 / Float(dh).squareRoot()
        Blas.linear(layer.query, input: x, rows: rows, output: work.q)
        Blas.linear(layer.key, input: x, rows: rows, output: work.k)
        Blas.linear(layer.value, input: x, rows: rows, output: work.v)
        var start = 0
        for length in lengths {
            for head in 0..<heads {
                let offset = start * h + head * dh
                Blas.gemm(m: length, n: length, k: dh, alpha: scale, a: work.q + offset, lda: h, b: work.k + offset, ldb: h,
                          transposeB: true, c: work.scores, ldc: length)
                Kernels.softmaxRows(work.scores, rows: length, cols: length, stride: length)
                Blas.gemm(m: length, n: dh, k: length, a: work.scores, lda: length, b: work.v + offset, ldb: h,
                          transposeB: false, c: work.context + offset, ldc: h)
            }
            start += length
        }
        Blas.linear(layer.attentionOutput, input: work.context, rows: rows, output: work.q)
        Kernels.addLayerNorm(work.q, residual: x, rows: rows, cols: h, norm: layer.attentionNorm, eps: eps)
        Blas.linear(layer.intermediate, input: work.q, rows: rows, output: work.intermediate)
        Kernels.gelu(work.intermediate, count: rows * config.intermediateSize)
        Blas.linear(layer.output, input: work.intermediate, rows: rows, output: x)
        Kernels.addLayerNorm(x, residual: work.q, rows: rows, cols: h, norm: layer.outputNorm, eps: eps)
    }
}

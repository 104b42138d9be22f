/// The BERT forward pass on OpenBLAS.
///
/// A batch is packed: the real tokens of all sequences are stacked into one `[T × H]` matrix
/// (T = the sum of the lengths), so the dense layers never compute padding, and attention runs
/// per sequence over its own tokens only. The result equals that of a padded batch with an
/// attention mask (masked scores contribute exactly zero after the softmax), and it does not
/// depend on which other sequences share the batch, which is what lets `Blas.packed` split a
/// batch over the cores.
public final class BertEncoder: Sendable {
    public let config: BertConfig
    public let weights: BertWeights

    /// Per layer, the query, key and value projections stacked into one `[3H × H]` weight and
    /// `[3H]` bias, so the three run as one GEMM (its input is packed once, not three times).
    private let attentionInputs: [(weight: [Float], bias: [Float])]

    public init(config: BertConfig, weights: BertWeights) {
        self.config = config
        self.weights = weights
        attentionInputs = weights.layers.map { layer in
            let parts = [layer.query, layer.key, layer.value]
            return (parts.flatMap { Array(UnsafeBufferPointer(start: $0.weight.pointer, count: $0.outputs * $0.inputs)) },
                    parts.flatMap { Array(UnsafeBufferPointer(start: $0.bias.pointer, count: $0.outputs)) })
        }
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
        return Blas.packed(lengths: sequences.map(\.count), width: config.hiddenSize) { group in
            forward(Array(sequences[group]), types: types.map { Array($0[group]) }, layer: layer)
        }
    }

    /// The pass for validated sequences, on the calling thread.
    func forward(_ sequences: [[Int32]], types: [[Int32]]?, layer: Int) -> [Float] {
        let lengths = sequences.map(\.count)
        let total = lengths.reduce(0, +)
        let h = config.hiddenSize
        var x = [Float](repeating: 0, count: total * h)
        let work = Workspace(tokens: total, hidden: h, intermediate: config.intermediateSize, maxLength: lengths.max() ?? 0)
        x.withUnsafeMutableBufferPointer { xb in
            guard let xp = xb.baseAddress else { return }
            embed(sequences, types: types, into: xp)
            for n in 0..<layer { run(n, x: xp, lengths: lengths, work: work) }
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

    func run(_ n: Int, x: UnsafeMutablePointer<Float>, lengths: [Int], work: Workspace) {
        let layer = weights.layers[n]
        let h = config.hiddenSize, heads = config.heads, dh = h / heads
        let rows = lengths.reduce(0, +)
        let eps = Float(config.layerNormEps)
        let scale = 1 / Float(dh).squareRoot()
        // work.qkv holds rows of [q | k | v], 3H wide.
        attentionInputs[n].weight.withUnsafeBufferPointer { w in
            attentionInputs[n].bias.withUnsafeBufferPointer { b in
                guard let wp = w.baseAddress, let bp = b.baseAddress else { return }
                Blas.linear(weight: wp, bias: bp, outputs: 3 * h, inputs: h, input: x, rows: rows, output: work.qkv)
            }
        }
        let stride = 3 * h
        var start = 0
        for length in lengths {
            for head in 0..<heads {
                let q = work.qkv + start * stride + head * dh
                Blas.gemm(m: length, n: length, k: dh, alpha: scale, a: q, lda: stride, b: q + h, ldb: stride,
                          transposeB: true, c: work.scores, ldc: length)
                Kernels.softmaxRows(work.scores, rows: length, cols: length, stride: length)
                Blas.gemm(m: length, n: dh, k: length, a: work.scores, lda: length, b: q + 2 * h, ldb: stride,
                          transposeB: false, c: work.context + start * h + head * dh, ldc: h)
            }
            start += length
        }
        Blas.linear(layer.attentionOutput, input: work.context, rows: rows, output: work.attended)
        Kernels.addLayerNorm(work.attended, residual: x, rows: rows, cols: h, norm: layer.attentionNorm, eps: eps)
        Blas.linear(layer.intermediate, input: work.attended, rows: rows, output: work.intermediate)
        Kernels.gelu(work.intermediate, count: rows * config.intermediateSize)
        Blas.linear(layer.output, input: work.intermediate, rows: rows, output: x)
        Kernels.addLayerNorm(x, residual: work.attended, rows: rows, cols: h, norm: layer.outputNorm, eps: eps)
    }
}

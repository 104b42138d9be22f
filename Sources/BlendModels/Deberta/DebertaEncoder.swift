import Foundation

/// The DeBERTa-v2/v3 forward pass on OpenBLAS, numerically as transformers' `DebertaV2Model`
/// in eval mode (no dropout).
///
/// Embeddings: word (+ absolute position when `position_biased_input`, + token type when
/// `type_vocab_size` > 0), `embed_proj` when `embedding_size` differs, LayerNorm; the padding
/// mask multiplies padded rows by 0, which a packed batch has none of.
///
/// Disentangled attention per head, with relative position δ(i, j) = bucket(i - j) and
/// r = clamp(δ + k, 0, 2k - 1), k = the attention span (`position_buckets`, else
/// `max_relative_positions`):
///   A[i][j] = (q_i·k_j + q_i·Kr[r] (c2p) + k_j·Qr[r'] (p2c)) / sqrt(d · s),
/// where Kr, Qr are the (LayerNorm-ed) relative embeddings through the key and query
/// projections (shared with the content ones when `share_att_key`, else `pos_key_proj` /
/// `pos_query_proj`), r' = clamp(-bucket(j - i) + k) = r (the bucket is odd), and s = 1 + the
/// number of positional terms. bucket(x) = x when |x| <= b/2 (b = position_buckets), else
/// sign(x)·(ceil(log(|x|/(b/2)) / log((m-1)/(b/2)) · (b/2 - 1)) + b/2), m = max_relative_positions,
/// computed in float32 as PyTorch does. Then GELU (erf) feed-forward and post-LayerNorms, as BERT.
///
/// A batch is packed as in `BertEncoder` (sequences attend only to themselves). The
/// relative-position projections depend only on the weights, so they are computed once at load.
public final class DebertaEncoder: Sendable {
    public let config: DebertaConfig
    public let weights: DebertaWeights
    /// Per layer: relative embeddings through the key projection (c2p) and query projection (p2c), `[2k × H]`.
    private let positionKeys: [[Float]]
    private let positionQueries: [[Float]]

    public init(config: DebertaConfig, weights: DebertaWeights) {
        self.config = config
        self.weights = weights
        var keys: [[Float]] = [], queries: [[Float]] = []
        if config.relativeAttention, let relative = weights.relativeEmbeddings {
            let rows = 2 * config.attentionSpan, h = config.hiddenSize
            var rel = Array(UnsafeBufferPointer(start: relative.pointer, count: rows * h))
            if let norm = weights.relativeNorm {
                rel.withUnsafeMutableBufferPointer { b in
                    guard let p = b.baseAddress else { return }
                    Kernels.addLayerNorm(p, residual: nil, rows: rows, cols: h, norm: norm, eps: Float(config.layerNormEps))
                }
            }
            func project(_ layer: DebertaWeights.Linear) -> [Float] {
                var out = [Float](repeating: 0, count: rows * h)
                rel.withUnsafeBufferPointer { r in
                    out.withUnsafeMutableBufferPointer { o in
                        guard let rp = r.baseAddress, let op = o.baseAddress else { return }
                        Blas.linear(layer, input: rp, rows: rows, output: op)
                    }
                }
                return out
            }
            for layer in weights.layers {
                keys.append(config.c2p ? project(layer.positionKey ?? layer.key) : [])
                queries.append(config.p2c ? project(layer.positionQuery ?? layer.query) : [])
            }
        }
        positionKeys = keys
        positionQueries = queries
    }

    /// The largest sequence the encoder accepts: the absolute position table's size when it has
    /// one, else unbounded (relative positions are clamped).
    public var maxLength: Int { config.positionBiasedInput ? config.maxPositions : Int.max }

    /// The hidden states after layer `layer` (0 = the embedding output, default the last) for
    /// every token of every sequence, packed `[T × H]` in sequence order.
    public func hiddenStates(_ sequences: [[Int32]], types: [[Int32]]? = nil, layer: Int? = nil) throws -> [Float] {
        let layer = layer ?? config.layers
        guard (0...config.layers).contains(layer) else {
            throw ModelError.invalidArgument("layer \(layer) is out of range 0...\(config.layers)")
        }
        for (s, ids) in sequences.enumerated() {
            guard !ids.isEmpty, ids.count <= maxLength else {
                throw ModelError.invalidArgument("sequence \(s) has \(ids.count) tokens; it must have 1...\(maxLength)")
            }
            if let bad = ids.first(where: { $0 < 0 || Int($0) >= config.vocabSize }) {
                throw ModelError.invalidArgument("token id \(bad) is outside the vocabulary (\(config.vocabSize))")
            }
            if let types, s < types.count, types[s].count != ids.count || types[s].contains(where: { $0 < 0 || Int($0) >= max(1, config.typeVocabSize) }) {
                throw ModelError.invalidArgument("sequence \(s): token type ids must match its length and lie in 0..<\(max(1, config.typeVocabSize))")
            }
        }
        return Blas.packed(lengths: sequences.map(\.count), width: config.hiddenSize) { group in
            forward(Array(sequences[group]), types: types.map { t in group.map { $0 < t.count ? t[$0] : [] } }, layer: layer)
        }
    }

    /// The pass for validated sequences, on the calling thread (`types[s]` empty: all 0).
    func forward(_ sequences: [[Int32]], types: [[Int32]]?, layer: Int) -> [Float] {
        let lengths = sequences.map(\.count)
        let total = lengths.reduce(0, +), h = config.hiddenSize
        var x = [Float](repeating: 0, count: total * h)
        let longest = lengths.max() ?? 0
        let buckets = (0..<max(1, longest)).map(bucket)
        let span = config.attentionSpan
        let width = config.relativeAttention ? min(2 * span, 2 * (buckets.last ?? 0) + 1) : 0
        let work = DebertaWorkspace(tokens: total, hidden: h, intermediate: max(config.intermediateSize, config.embeddingSize), maxLength: longest, width: width)
        x.withUnsafeMutableBufferPointer { xb in
            guard let xp = xb.baseAddress else { return }
            embed(sequences, types: types, into: xp, work: work)
            for n in 0..<layer { run(n, x: xp, lengths: lengths, buckets: buckets, work: work) }
        }
        return x
    }

    /// `make_log_bucket_position` for a distance `d` >= 0 (the bucket of -d is -bucket(d)).
    func bucket(_ d: Int) -> Int {
        let b = config.positionBuckets
        guard config.relativeAttention, b > 0 else { return d }
        let mid = b / 2
        guard d > mid else { return d }
        let ratio = Float(config.maxRelativePositions - 1) / Float(mid)
        let value = (Foundation.log(Float(d) / Float(mid)) / Foundation.log(ratio) * Float(mid - 1)).rounded(.up) + Float(mid)
        return Int(value)
    }

    func embed(_ sequences: [[Int32]], types: [[Int32]]?, into x: UnsafeMutablePointer<Float>, work: DebertaWorkspace) {
        let h = config.hiddenSize, e = config.embeddingSize
        let target = weights.embeddingProjection == nil ? x : work.intermediate
        let word = weights.wordEmbeddings.pointer
        var row = 0
        for (s, ids) in sequences.enumerated() {
            for (p, id) in ids.enumerated() {
                let out = target + row * e
                out.update(from: word + Int(id) * e, count: e)
                if let position = weights.positionEmbeddings?.pointer {
                    for j in 0..<e { out[j] += position[p * e + j] }
                }
                if let type = weights.typeEmbeddings?.pointer {
                    let t = Int(types.flatMap { p < $0[s].count ? $0[s][p] : nil } ?? 0) * e
                    for j in 0..<e { out[j] += type[t + j] }
                }
                row += 1
            }
        }
        if let projection = weights.embeddingProjection {
            Blas.gemm(m: row, n: h, k: e, a: work.intermediate, lda: e, b: projection.pointer, ldb: e, transposeB: true, c: x, ldc: h)
        }
        Kernels.addLayerNorm(x, residual: nil, rows: row, cols: h, norm: weights.embeddingNorm, eps: Float(config.layerNormEps))
    }

    func run(_ n: Int, x: UnsafeMutablePointer<Float>, lengths: [Int], buckets: [Int], work: DebertaWorkspace) {
        let layer = weights.layers[n]
        let h = config.hiddenSize, heads = config.heads, dh = config.headSize
        let rows = lengths.reduce(0, +)
        let eps = Float(config.layerNormEps)
        let scale = 1 / (Float(dh) * Float(config.scaleFactor)).squareRoot()
        Blas.linear(layer.query, input: x, rows: rows, output: work.q)
        Blas.linear(layer.key, input: x, rows: rows, output: work.k)
        Blas.linear(layer.value, input: x, rows: rows, output: work.v)
        let span = config.attentionSpan
        var start = 0
        for length in lengths {
            let reach = buckets[length - 1]
            let lo = max(0, span - reach), hi = min(2 * span - 1, span + reach), w = hi - lo + 1
            for head in 0..<heads {
                let offset = start * h + head * dh
                Blas.gemm(m: length, n: length, k: dh, alpha: scale, a: work.q + offset, lda: h, b: work.k + offset, ldb: h,
                          transposeB: true, c: work.scores, ldc: length)
                if config.relativeAttention {
                    addPositional(n, head: head, length: length, offset: offset, lo: lo, width: w, buckets: buckets, scale: scale, work: work)
                }
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

    /// Adds the c2p and p2c terms of one head to `work.scores` (already q·k scaled): only the
    /// relative rows lo..<lo+width that a sequence of `length` can reach are projected.
    private func addPositional(_ n: Int, head: Int, length: Int, offset: Int, lo: Int, width: Int, buckets: [Int],
                               scale: Float, work: DebertaWorkspace) {
        let h = config.hiddenSize, dh = config.headSize, span = config.attentionSpan, last = 2 * span - 1
        let scores = work.scores
        if config.c2p {
            positionKeys[n].withUnsafeBufferPointer { pk in
                guard let p = pk.baseAddress else { return }
                Blas.gemm(m: length, n: width, k: dh, alpha: scale, a: work.q + offset, lda: h, b: p + lo * h + head * dh, ldb: h,
                          transposeB: true, c: work.c2p, ldc: width)
            }
            for i in 0..<length {
                let row = scores + i * length, c = work.c2p + i * width
                for j in 0..<length {
                    let rel = i >= j ? buckets[i - j] : -buckets[j - i]
                    row[j] += c[min(max(rel + span, 0), last) - lo]
                }
            }
        }
        if config.p2c {
            positionQueries[n].withUnsafeBufferPointer { pq in
                guard let p = pq.baseAddress else { return }
                Blas.gemm(m: length, n: width, k: dh, alpha: scale, a: work.k + offset, lda: h, b: p + lo * h + head * dh, ldb: h,
                          transposeB: true, c: work.p2c, ldc: width)
            }
            for i in 0..<length {
                let row = scores + i * length
                for j in 0..<length {
                    let rel = i >= j ? buckets[i - j] : -buckets[j - i]
                    row[j] += work.p2c[j * width + min(max(rel + span, 0), last) - lo]
                }
            }
        }
    }
}

/// Scratch buffers for one DeBERTa forward pass.
final class DebertaWorkspace {
    let q, k, v, context, intermediate, scores, c2p, p2c: UnsafeMutablePointer<Float>
    private let all: UnsafeMutableBufferPointer<Float>

    init(tokens: Int, hidden: Int, intermediate size: Int, maxLength: Int, width: Int) {
        let th = tokens * hidden
        let positional = maxLength * width
        all = .allocate(capacity: 4 * th + tokens * max(size, hidden) + maxLength * maxLength + 2 * positional + 1)
        let base = all.baseAddress ?? UnsafeMutablePointer<Float>.allocate(capacity: 1)
        q = base
        k = base + th
        v = base + 2 * th
        context = base + 3 * th
        intermediate = base + 4 * th
        scores = intermediate + tokens * max(size, hidden)
        c2p = scores + maxLength * maxLength
        p2c = c2p + positional
    }

    deinit { all.deallocate() }
}

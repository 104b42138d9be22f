import Foundation

/// BERTScore (Zhang et al. 2020, "BERTScore: Evaluating Text Generation with BERT", §3), as the
/// `bert-score` package computes it without baseline rescaling.
///
/// With unit-normalised token vectors x (reference) and x̂ (candidate) and weights w:
///   P = Σ_{x̂_j} w(x̂_j) · max_{x_i} x_iᵀx̂_j / Σ w(x̂_j),
///   R = Σ_{x_i} w(x_i) · max_{x̂_j} x_iᵀx̂_j / Σ w(x_i),
///   F = 2PR / (P + R).
/// Special tokens (`[CLS]`, `[SEP]`) weigh 0 but, as in `bert-score`, still take part in the
/// max. A best match below 0 counts as 0: `bert-score` multiplies the similarity matrix by the
/// padding mask of its batch, so padding offers a similarity of 0 to every token; this keeps
/// that behaviour (and parity) without its dependence on batch composition. Weights are 1 without idf, else idf(t) = log((M + 1) / (df(t) + 1)) over M reference
/// texts (df counts texts containing t; unseen tokens get log(M + 1)). A side whose weights sum
/// to 0 (an empty text) scores 0, and F is 0 when P + R = 0. Deterministic.
public enum BERTScore {
    public struct Score: Sendable, Hashable, Codable {
        public var precision: Double
        public var recall: Double
        public var f1: Double

        public init(precision: Double, recall: Double, f1: Double) {
            self.precision = precision
            self.recall = recall
            self.f1 = f1
        }
    }

    /// Inverse document frequencies over a reference corpus, given each text's token ids.
    public struct IDF: Sendable, Hashable {
        public let documents: Int
        public let weights: [Int: Double]

        public init(references: [[Int]]) {
            documents = references.count
            var counts: [Int: Int] = [:]
            for ids in references { for id in Set(ids) { counts[id, default: 0] += 1 } }
            let m = Double(references.count)
            weights = counts.mapValues { Foundation.log((m + 1) / (Double($0) + 1)) }
        }

        public func weight(_ id: Int) -> Double { weights[id] ?? Foundation.log(Double(documents) + 1) }
    }

    public static func score(candidate: TokenEmbeddings, reference: TokenEmbeddings, idf: IDF? = nil) -> Score {
        let c = normalized(candidate), r = normalized(reference)
        let d = candidate.dimension
        var bestForCandidate = [Float](repeating: 0, count: candidate.count)
        var bestForReference = [Float](repeating: 0, count: reference.count)
        c.withUnsafeBufferPointer { cp in
            r.withUnsafeBufferPointer { rp in
                for i in 0..<candidate.count {
                    for j in 0..<reference.count {
                        let dot = Self.dot(cp, i * d, rp, j * d, d)
                        if dot > bestForCandidate[i] { bestForCandidate[i] = dot }
                        if dot > bestForReference[j] { bestForReference[j] = dot }
                    }
                }
            }
        }
        func weightedMean(_ best: [Float], _ text: TokenEmbeddings) -> Double {
            var sum = 0.0, total = 0.0
            for (t, id) in text.ids.enumerated() where !text.special[t] {
                let w = idf?.weight(id) ?? 1
                sum += w * Double(best[t])
                total += w
            }
            return total > 0 ? sum / total : 0
        }
        let p = weightedMean(bestForCandidate, candidate), r2 = weightedMean(bestForReference, reference)
        let f = p + r2 == 0 ? 0 : 2 * p * r2 / (p + r2)
        return Score(precision: p, recall: r2, f1: f.isNaN ? 0 : f)
    }

    /// `a[ai..<ai+d] · b[bi..<bi+d]`, eight lanes at a time.
    @inline(__always)
    static func dot(_ a: UnsafeBufferPointer<Float>, _ ai: Int, _ b: UnsafeBufferPointer<Float>, _ bi: Int, _ d: Int) -> Float {
        guard let ab = a.baseAddress, let bb = b.baseAddress else { return 0 }
        let pa = UnsafeRawPointer(ab + ai), pb = UnsafeRawPointer(bb + bi)
        var acc = SIMD8<Float>()
        var k = 0
        while k + 8 <= d {
            acc += pa.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self) * pb.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self)
            k += 8
        }
        var sum = acc.sum()
        while k < d {
            sum += a[ai + k] * b[bi + k]
            k += 1
        }
        return sum
    }

    /// Each token vector divided by its Euclidean norm.
    static func normalized(_ e: TokenEmbeddings) -> [Float] {
        var v = e.vectors
        let d = e.dimension
        for t in 0..<e.count {
            var s: Float = 0
            for k in 0..<d { s += v[t * d + k] * v[t * d + k] }
            let inv = s > 0 ? 1 / s.squareRoot() : 0
            for k in 0..<d { v[t * d + k] *= inv }
        }
        return v
    }
}

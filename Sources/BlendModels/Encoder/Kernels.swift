import CKernels

/// The element-wise parts of the forward pass (softmax, GELU, residual + LayerNorm). They run in
/// C (Sources/CKernels), compiled once per x86-64 level and chosen by the CPU's flags, because
/// Swift code here is built for baseline x86-64 (SSE2) and left these loops at a quarter of the
/// vector width an AVX-512 machine has (the profile is in bench/encoder.md).
public enum Kernels {
    /// The best level this CPU supports, found once when the library loads.
    static let isa = blend_isa_best()

    /// A short name of the level in use ("generic", "AVX2", "AVX-512"), for provenance lines.
    public static var isaName: String { String(cString: blend_isa_name(isa)) }

    /// `x ← GELU(x) = x · ½(1 + erf(x/√2))` (BERT's exact, erf form; erf as Eigen's rational
    /// function, absolute error below 1e-6).
    static func gelu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        blend_gelu(isa, x, count)
    }

    /// Softmax over each of `rows` rows of `x` (row stride `stride`), using the first `cols` columns
    /// (the rest of each row is left as it is).
    static func softmaxRows(_ x: UnsafeMutablePointer<Float>, rows: Int, cols: Int, stride: Int) {
        blend_softmax_rows(isa, x, rows, cols, stride)
    }

    /// `x ← LayerNorm(x + residual) · gamma + beta` per row of `cols` (biased variance, `eps`
    /// inside the square root, as PyTorch).
    static func addLayerNorm(_ x: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?, rows: Int, cols: Int,
                             norm: BertWeights.Norm, eps: Float) {
        blend_add_layer_norm(isa, x, residual, rows, cols, norm.gamma.pointer, norm.beta.pointer, eps)
    }
}

import CBLAS

/// The BLAS calls the encoder makes. Every matrix product in the forward pass goes through
/// `cblas_sgemm`; row-major throughout.
public enum Blas {
    /// Sets the number of OpenBLAS threads for every later call (process-wide).
    public static func setThreads(_ count: Int) { openblas_set_num_threads(Int32(max(1, count))) }

    /// OpenBLAS's current thread count.
    public static var threads: Int { Int(openblas_get_num_threads()) }

    /// `C[m×n] = alpha · A[m×k] · op(B) + beta · C`, with `op(B) = B^T` when `transposeB`
    /// (B stored `[n×k]`, PyTorch's linear layout) and `B` (stored `[k×n]`) otherwise.
    @inline(__always)
    static func gemm(m: Int, n: Int, k: Int, alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
                     b: UnsafePointer<Float>, ldb: Int, transposeB: Bool, beta: Float = 0,
                     c: UnsafeMutablePointer<Float>, ldc: Int) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// `Y[rows×out] = X[rows×in] · W^T + bias` for a PyTorch linear layer.
    static func linear(_ layer: BertWeights.Linear, input: UnsafePointer<Float>, rows: Int, output: UnsafeMutablePointer<Float>) {
        let bias = layer.bias.pointer, n = layer.outputs
        for r in 0..<rows { (output + r * n).update(from: bias, count: n) }
        gemm(m: rows, n: n, k: layer.inputs, a: input, lda: layer.inputs, b: layer.weight.pointer, ldb: layer.inputs,
             transposeB: true, beta: 1, c: output, ldc: n)
    }
}

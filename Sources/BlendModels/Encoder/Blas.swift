import CBLAS
import Foundation
import Synchronization

/// The BLAS calls the encoders make, and how they use the cores. Every matrix product in a
/// forward pass goes through `cblas_sgemm`; row-major throughout.
///
/// OpenBLAS always runs single-threaded here: a forward pass splits its packed batch into one
/// contiguous group of sequences per worker (`packed`), and each worker runs the whole pass on
/// its group (GEMMs, attention, LayerNorm, GELU) on its own core. Compared with OpenBLAS's own
/// threads, which parallelise only the GEMMs and spin while the element-wise parts run on one
/// core, this parallelises every part (bench/encoder.md has the profile).
public enum Blas {
    private static let workerCount = Mutex(ProcessInfo.processInfo.activeProcessorCount)
    private static let singleThreaded: Void = openblas_set_num_threads(1)

    /// Makes OpenBLAS single-threaded and stops its worker threads. Call it first thing in a
    /// process, before any thread makes a BLAS call: a call in flight on the workers would wait
    /// for them forever. (The pthread build starts its workers when the library loads, and an
    /// idle worker spins on sched_yield for about 0.1 s of CPU before it sleeps: every process
    /// paid that, whether it multiplied a matrix or not. With one BLAS thread they are never
    /// used. `blas_thread_shutdown_` is an internal symbol of the pthread build, looked up at
    /// run time since other builds lack it.)
    public static func useSingleThreadedKernels() {
        _ = singleThreaded
        if let symbol = dlsym(nil, "blas_thread_shutdown_") {
            let shutdown = unsafeBitCast(symbol, to: (@convention(c) () -> Int32).self)
            _ = shutdown()
        }
    }

    /// Sets how many cores a forward pass uses (process-wide, for every later call).
    public static func setThreads(_ count: Int) {
        workerCount.withLock { $0 = max(1, count) }
    }

    /// How many cores a forward pass uses (default: every active processor).
    public static var threads: Int { workerCount.withLock { $0 } }

    /// The kernels OpenBLAS chose for this CPU (its core name, e.g. "Haswell" or "Cooperlake";
    /// `OPENBLAS_CORETYPE` overrides the choice when the library loads).
    public static var kernels: String { openblas_get_corename().map { String(cString: $0) } ?? "unknown" }

    /// Runs `forward` on contiguous groups of sequences (their token counts `lengths`), one group
    /// per worker with about the same number of tokens, in parallel, and returns the groups'
    /// packed `[tokens × width]` outputs concatenated in sequence order. Valid because a packed
    /// pass's result for a sequence does not depend on the other sequences of its batch.
    static func packed(lengths: [Int], width: Int, workers: Int = threads, forward: @Sendable (Range<Int>) -> [Float]) -> [Float] {
        let groups = partition(lengths, into: min(workers, lengths.count))
        guard groups.count > 1 else { return forward(0..<lengths.count) }
        let total = lengths.reduce(0, +)
        var out = [Float](repeating: 0, count: total * width)
        var starts = [0], sum = 0
        for g in groups { sum += g.reduce(0) { $0 + lengths[$1] }; starts.append(sum * width) }
        let offsets = starts
        out.withUnsafeMutableBufferPointer { o in
            let base = UncheckedPointer(o.baseAddress)
            DispatchQueue.concurrentPerform(iterations: groups.count) { g in
                let states = forward(groups[g])
                states.withUnsafeBufferPointer { s in
                    guard let src = s.baseAddress, let dst = base.pointer else { return }
                    (dst + offsets[g]).update(from: src, count: s.count)
                }
            }
        }
        return out
    }

    /// `lengths` cut into at most `parts` contiguous, non-empty ranges of about equal token sums.
    public static func partition(_ lengths: [Int], into parts: Int) -> [Range<Int>] {
        let total = lengths.reduce(0, +)
        guard parts > 1, total > 0 else { return [0..<lengths.count] }
        var ranges: [Range<Int>] = [], start = 0, sum = 0
        for (i, n) in lengths.enumerated() {
            sum += n
            let target = total * (ranges.count + 1) / parts
            if sum >= target, ranges.count < parts - 1, i + 1 < lengths.count {
                ranges.append(start..<(i + 1))
                start = i + 1
            }
        }
        ranges.append(start..<lengths.count)
        return ranges
    }

    /// `C[m×n] = alpha · A[m×k] · op(B) + beta · C`, with `op(B) = B^T` when `transposeB`
    /// (B stored `[n×k]`, PyTorch's linear layout) and `B` (stored `[k×n]`) otherwise.
    /// Single-threaded from the process's first product on: a product that OpenBLAS splits over
    /// threads rounds differently, so a model loaded before the first forward pass (a DeBERTa's
    /// relative-position projections are computed at load) would give other logits than the same
    /// model loaded after it.
    @inline(__always)
    static func gemm(m: Int, n: Int, k: Int, alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
                     b: UnsafePointer<Float>, ldb: Int, transposeB: Bool, beta: Float = 0,
                     c: UnsafeMutablePointer<Float>, ldc: Int) {
        _ = singleThreaded
        cblas_sgemm(CblasRowMajor, CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// `Y[rows×out] = X[rows×in] · W^T + bias` for a PyTorch linear layer.
    static func linear(_ layer: BertWeights.Linear, input: UnsafePointer<Float>, rows: Int, output: UnsafeMutablePointer<Float>) {
        linear(weight: layer.weight.pointer, bias: layer.bias.pointer, outputs: layer.outputs, inputs: layer.inputs,
               input: input, rows: rows, output: output)
    }

    static func linear(weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, outputs n: Int, inputs: Int,
                       input: UnsafePointer<Float>, rows: Int, output: UnsafeMutablePointer<Float>) {
        for r in 0..<rows { (output + r * n).update(from: bias, count: n) }
        gemm(m: rows, n: n, k: inputs, a: input, lda: inputs, b: weight, ldb: inputs, transposeB: true, beta: 1, c: output, ldc: n)
    }
}

/// A pointer that parallel workers write disjoint ranges of.
private struct UncheckedPointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>?
    init(_ pointer: UnsafeMutablePointer<Float>?) { self.pointer = pointer }
}


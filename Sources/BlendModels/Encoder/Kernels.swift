import Foundation

/// The element-wise parts of the forward pass, as plain loops over raw buffers that the
/// optimiser can vectorise.
enum Kernels {
    /// `x ← GELU(x) = x · ½(1 + erf(x/√2))` (BERT's exact, erf form).
    static func gelu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        let invSqrt2: Float = 0.70710678118654752
        for i in 0..<count {
            let v = x[i]
            x[i] = 0.5 * v * (1 + erf(v * invSqrt2))
        }
    }

    /// erf as a rational function of x on [-4, 4] (Eigen's `generic_fast_erf_float`), clamped
    /// outside where float erf is ±1. Absolute error below 1e-6 (checked against libm in tests);
    /// branch-free so a loop over it vectorises.
    @inline(__always)
    static func erf(_ input: Float) -> Float {
        let x = input < -4 ? -4 : (input > 4 ? 4 : input)
        let x2 = x * x
        var p: Float = -2.72614225801306e-10
        p = p * x2 + 2.77068142495902e-08
        p = p * x2 + -2.10102402082508e-06
        p = p * x2 + -5.69250639462346e-05
        p = p * x2 + -7.34990630326855e-04
        p = p * x2 + -2.95459980854025e-03
        p = p * x2 + -1.60960333262415e-02
        p = p * x
        var q: Float = -1.45660718464996e-05
        q = q * x2 + -2.13374055278905e-04
        q = q * x2 + -1.68282697438203e-03
        q = q * x2 + -7.37332916720468e-03
        q = q * x2 + -1.42647390514189e-02
        return p / q
    }

    /// e^x for x <= 0 (softmax arguments), branch-free so that a loop over it vectorises:
    /// x = n·ln 2 + r with n rounded to nearest (the 1.5·2^23 trick, whose bit pattern also
    /// yields n), e^r by Cephes' degree-6 polynomial, 2^n through the exponent bits. Inputs are
    /// clamped to [-87, 0]; relative error about 2e-7 (checked against libm in tests).
    @inline(__always)
    static func exp(_ input: Float) -> Float {
        let x = input < -87 ? -87 : (input > 0 ? 0 : input)
        let shifted = x * 1.44269504088896341 + 12582912
        let n = shifted - 12582912
        let r = x - n * 0.693359375 + n * 2.12194440e-4
        var p: Float = 1.9875691500e-4
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        p = p * r * r + r + 1
        let scale = Float(bitPattern: (shifted.bitPattern &- 0x4B40_0000 &+ 127) << 23)
        return p * scale
    }

    /// Softmax over each of `rows` rows of `x` (row stride `stride`), using the first `cols` columns.
    static func softmaxRows(_ x: UnsafeMutablePointer<Float>, rows: Int, cols: Int, stride: Int) {
        for r in 0..<rows {
            let row = x + r * stride
            let m = maximum(row, cols)
            for j in 0..<cols { row[j] = exp(row[j] - m) }
            let inv = 1 / sum(row, cols)
            for j in 0..<cols { row[j] *= inv }
        }
    }

    /// The sum of `count` floats, in 8 lanes (a scalar loop's one serial chain of adds is what
    /// the softmax and LayerNorm spent their time on; the profile is in bench/encoder.md).
    @inline(__always)
    static func sum(_ x: UnsafePointer<Float>, _ count: Int) -> Float {
        var lanes = SIMD8<Float>(), j = 0
        while j + 8 <= count {
            lanes += UnsafeRawPointer(x + j).loadUnaligned(as: SIMD8<Float>.self)
            j += 8
        }
        var total = lanes.sum()
        while j < count { total += x[j]; j += 1 }
        return total
    }

    /// The sum of `(x - mean)²` over `count` floats, in 8 lanes.
    @inline(__always)
    static func squaredDeviations(_ x: UnsafePointer<Float>, _ count: Int, mean: Float) -> Float {
        var lanes = SIMD8<Float>(), j = 0
        let m = SIMD8<Float>(repeating: mean)
        while j + 8 <= count {
            let d = UnsafeRawPointer(x + j).loadUnaligned(as: SIMD8<Float>.self) - m
            lanes += d * d
            j += 8
        }
        var total = lanes.sum()
        while j < count { total += (x[j] - mean) * (x[j] - mean); j += 1 }
        return total
    }

    /// The largest of `count` >= 1 floats, in 8 independent chains (the generic `pointwiseMax`
    /// on SIMD8 was not specialised: 6 % of the encoder's samples).
    @inline(__always)
    static func maximum(_ x: UnsafePointer<Float>, _ count: Int) -> Float {
        var m = (x[0], x[0], x[0], x[0], x[0], x[0], x[0], x[0]), j = 0
        while j + 8 <= count {
            m.0 = m.0 > x[j] ? m.0 : x[j]
            m.1 = m.1 > x[j + 1] ? m.1 : x[j + 1]
            m.2 = m.2 > x[j + 2] ? m.2 : x[j + 2]
            m.3 = m.3 > x[j + 3] ? m.3 : x[j + 3]
            m.4 = m.4 > x[j + 4] ? m.4 : x[j + 4]
            m.5 = m.5 > x[j + 5] ? m.5 : x[j + 5]
            m.6 = m.6 > x[j + 6] ? m.6 : x[j + 6]
            m.7 = m.7 > x[j + 7] ? m.7 : x[j + 7]
            j += 8
        }
        var best = Swift.max(Swift.max(Swift.max(m.0, m.1), Swift.max(m.2, m.3)), Swift.max(Swift.max(m.4, m.5), Swift.max(m.6, m.7)))
        while j < count { best = Swift.max(best, x[j]); j += 1 }
        return best
    }

    /// `x ← LayerNorm(x + residual) · gamma + beta` per row of `cols` (biased variance, `eps`
    /// inside the square root, as PyTorch).
    static func addLayerNorm(_ x: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?, rows: Int, cols: Int,
                             norm: BertWeights.Norm, eps: Float) {
        let gamma = norm.gamma.pointer, beta = norm.beta.pointer
        for r in 0..<rows {
            let row = x + r * cols
            if let residual {
                let res = residual + r * cols
                for j in 0..<cols { row[j] += res[j] }
            }
            let mean = sum(row, cols) / Float(cols)
            let scale = 1 / (squaredDeviations(row, cols, mean: mean) / Float(cols) + eps).squareRoot()
            for j in 0..<cols { row[j] = (row[j] - mean) * scale * gamma[j] + beta[j] }
        }
    }
}

import CKernels
import Foundation
import Testing
@testable import BlendModels

/// Every instruction-set level this CPU can run (generic first), so each compiled copy is tested.
private let levels: [blend_isa] = [BLEND_ISA_GENERIC, BLEND_ISA_AVX2, BLEND_ISA_AVX512].filter {
    $0.rawValue <= blend_isa_best().rawValue
}

@Test func theLevelInUseIsTheBestTheCPUHas() {
    #expect(Kernels.isa == blend_isa_best())
    #if arch(x86_64)
    let flags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    if flags.contains(" avx512f ") && flags.contains(" avx512bw ") && flags.contains(" avx512dq ")
        && flags.contains(" avx512vl ") && flags.contains(" fma ") {
        #expect(Kernels.isaName == "AVX-512")
    }
    #endif
}

@Test(arguments: levels) func erfApproximationMatchesLibm(isa: blend_isa) {
    var worst: Double = 0
    for i in -6000...6000 {
        let x = Float(i) / 1000
        worst = max(worst, abs(Double(blend_erf(isa, x)) - Foundation.erf(Double(x))))
    }
    #expect(worst < 1e-6)
}

@Test(arguments: levels) func expApproximationMatchesLibm(isa: blend_isa) {
    var worst: Double = 0
    for i in 0...87_000 {
        let x = -Float(i) / 1000
        let exact = Foundation.exp(Double(x))
        worst = max(worst, abs(Double(blend_exp(isa, x)) - exact) / exact)
    }
    #expect(worst < 1e-6)
    #expect(blend_exp(isa, 0) == 1)
}

@Test(arguments: levels) func softmaxRowsSumToOneAndLeaveThePaddingAlone(isa: blend_isa) {
    var x: [Float] = [1, 2, 3, 9, 0, 0, 0, 9]
    x.withUnsafeMutableBufferPointer { blend_softmax_rows(isa, $0.baseAddress!, 2, 3, 4) }
    let e = [exp(1.0), exp(2.0), exp(3.0)]
    #expect(abs(Double(x[0]) - e[0] / e.reduce(0, +)) < 1e-6)
    #expect(abs(x[0] + x[1] + x[2] - 1) < 1e-6)
    #expect(x[3] == 9 && abs(x[4] - 1 / 3) < 1e-6 && x[7] == 9)
}

@Test(arguments: levels) func geluMatchesTheErfForm(isa: blend_isa) {
    var x: [Float] = [-1, 3, 0, 0.5]
    x.withUnsafeMutableBufferPointer { blend_gelu(isa, $0.baseAddress!, $0.count) }
    let exact = [-1.0, 3, 0, 0.5].map { 0.5 * $0 * (1 + Foundation.erf($0 / 2.0.squareRoot())) }
    for (got, want) in zip(x, exact) { #expect(abs(Double(got) - want) < 2e-6) }
}

/// Each vector level against the generic one on random rows whose lengths cover whole vectors,
/// tails and rows shorter than one vector: the same arithmetic, so equal to float rounding.
@Test(arguments: levels.dropFirst()) func everyLevelAgreesWithGeneric(isa: blend_isa) {
    var generator = SystemRandomNumberGenerator()
    for cols in [1, 5, 15, 16, 17, 31, 165, 384] {
        let rows = 3
        let input = (0..<rows * cols).map { _ in Float.random(in: -6...6, using: &generator) }
        let residual = (0..<rows * cols).map { _ in Float.random(in: -1...1, using: &generator) }
        let gamma = (0..<cols).map { _ in Float.random(in: 0.5...1.5, using: &generator) }
        let beta = (0..<cols).map { _ in Float.random(in: -0.5...0.5, using: &generator) }
        func run(_ level: blend_isa) -> [[Float]] {
            var softmax = input, gelu = input, norm = input
            softmax.withUnsafeMutableBufferPointer { blend_softmax_rows(level, $0.baseAddress!, rows, cols, cols) }
            gelu.withUnsafeMutableBufferPointer { blend_gelu(level, $0.baseAddress!, $0.count) }
            norm.withUnsafeMutableBufferPointer { n in
                blend_add_layer_norm(level, n.baseAddress!, residual, rows, cols, gamma, beta, 1e-12)
            }
            return [softmax, gelu, norm]
        }
        for (pass, (want, got)) in zip(["softmax", "gelu", "layer norm"], zip(run(BLEND_ISA_GENERIC), run(isa))) {
            let worst = zip(want, got).map { abs($0 - $1) }.max() ?? 0
            #expect(worst < 2e-6, "\(pass), \(cols) columns: \(worst)")
        }
    }
}

import Foundation
import Testing
@testable import BlendModels

@Test func erfApproximationMatchesLibm() {
    var worst: Double = 0
    for i in -6000...6000 {
        let x = Float(i) / 1000
        worst = max(worst, abs(Double(Kernels.erf(x)) - Foundation.erf(Double(x))))
    }
    #expect(worst < 1e-6)
}

@Test func expApproximationMatchesLibm() {
    var worst: Double = 0
    for i in 0...87_000 {
        let x = -Float(i) / 1000
        let exact = Foundation.exp(Double(x))
        worst = max(worst, abs(Double(Kernels.exp(x)) - exact) / exact)
    }
    #expect(worst < 1e-6)
    #expect(Kernels.exp(0) == 1)
}

@Test func softmaxRowsSumToOne() {
    var x: [Float] = [1, 2, 3, 9, 0, 0, 0, 9]
    x.withUnsafeMutableBufferPointer { Kernels.softmaxRows($0.baseAddress!, rows: 2, cols: 3, stride: 4) }
    let e = [exp(1.0), exp(2.0), exp(3.0)]
    #expect(abs(Double(x[0]) - e[0] / e.reduce(0, +)) < 1e-6)
    #expect(abs(x[0] + x[1] + x[2] - 1) < 1e-6)
    #expect(x[3] == 9 && abs(x[4] - 1 / 3) < 1e-6)
}

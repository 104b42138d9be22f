/// AdamW (Loshchilov & Hutter): Adam moments with decoupled weight decay, on one flat
/// parameter array. Deterministic.
public struct AdamW: Sendable {
    public var learningRate: Float
    public var weightDecay: Float
    public var beta1: Float = 0.9
    public var beta2: Float = 0.999
    public var epsilon: Float = 1e-8
    private var m: [Float]
    private var v: [Float]
    private var step = 0

    public init(count: Int, learningRate: Float, weightDecay: Float) {
        self.learningRate = learningRate
        self.weightDecay = weightDecay
        m = [Float](repeating: 0, count: count)
        v = [Float](repeating: 0, count: count)
    }

    /// One update of `parameters` with the (already averaged) `gradient`.
    public mutating func update(_ parameters: inout [Float], gradient: [Float]) {
        step += 1
        let c1 = 1 - Float(pow(Double(beta1), Double(step)))
        let c2 = 1 - Float(pow(Double(beta2), Double(step)))
        for k in parameters.indices {
            m[k] = beta1 * m[k] + (1 - beta1) * gradient[k]
            v[k] = beta2 * v[k] + (1 - beta2) * gradient[k] * gradient[k]
            let update = (m[k] / c1) / ((v[k] / c2).squareRoot() + epsilon)
            parameters[k] -= learningRate * (update + weightDecay * parameters[k])
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small scoring head: g(x) = w2 · tanh(W1 z + b1) + b2 with z = (x - shift) ⊙ scale the
/// standardised input (shift and scale fixed from the training inputs' mean and standard
/// deviation before training), from an input vector (here the
/// concatenated source and candidate segment vectors, [h_src ; h_cand]) to one score. It is the
/// PairRanker head of digest 2.1 with one task and no dropout (its inputs are frozen encoder
/// features); the SummaReranker-style scorer uses the same head. Plain loops, deterministic.
public struct ScoreHead: Sendable, Codable, Hashable {
    public let inputs: Int
    public let hidden: Int
    /// W1, `hidden × inputs`, row-major; then b1 (`hidden`), w2 (`hidden`) and b2 (1), all in one
    /// flat array so the optimiser treats them alike.
    public var parameters: [Float]
    /// Input standardisation, fixed (not trained): z = (x - shift) ⊙ scale.
    public var shift: [Float]
    public var scale: [Float]

    /// Xavier-uniform weights from `seed`, zero biases.
    public init(inputs: Int, hidden: Int, seed: UInt64) {
        self.inputs = inputs
        self.hidden = hidden
        var g = SeededGenerator(seed: seed, purpose: "score-head")
        var p = [Float](repeating: 0, count: hidden * inputs + 2 * hidden + 1)
        let a1 = (6.0 / Double(inputs + hidden)).squareRoot()
        for k in 0..<(hidden * inputs) { p[k] = Float((g.unit() * 2 - 1) * a1) }
        let a2 = (6.0 / Double(hidden + 1)).squareRoot()
        let w2 = hidden * inputs + hidden
        for k in 0..<hidden { p[w2 + k] = Float((g.unit() * 2 - 1) * a2) }
        parameters = p
        shift = [Float](repeating: 0, count: inputs)
        scale = [Float](repeating: 1, count: inputs)
    }

    /// Sets the standardisation to the mean and standard deviation of each input coordinate
    /// over `inputs` (a coordinate with no spread keeps scale 1).
    public mutating func standardise(over inputs: [[Float]]) {
        guard !inputs.isEmpty else { return }
        var mean = [Double](repeating: 0, count: self.inputs), square = [Double](repeating: 0, count: self.inputs)
        for x in inputs { for c in 0..<self.inputs { mean[c] += Double(x[c]); square[c] += Double(x[c]) * Double(x[c]) } }
        let n = Double(inputs.count)
        for c in 0..<self.inputs {
            let m = mean[c] / n
            let sd = max(square[c] / n - m * m, 0).squareRoot()
            shift[c] = Float(m)
            scale[c] = sd > 1e-6 ? Float(1 / sd) : 1
        }
    }

    func standardised(_ x: [Float]) -> [Float] {
        var z = x
        for c in 0..<inputs { z[c] = (x[c] - shift[c]) * scale[c] }
        return z
    }

    var b1Offset: Int { hidden * inputs }
    var w2Offset: Int { hidden * inputs + hidden }
    var b2Offset: Int { hidden * inputs + 2 * hidden }

    /// The score and the hidden activations (tanh outputs) that `accumulate` needs.
    public func forward(_ x: [Float]) -> (score: Float, activations: [Float]) {
        precondition(x.count == inputs, "ScoreHead input has \(x.count) values, expected \(inputs)")
        let x = standardised(x)
        var act = [Float](repeating: 0, count: hidden)
        var score = parameters[b2Offset]
        parameters.withUnsafeBufferPointer { p in
            x.withUnsafeBufferPointer { xs in
                for r in 0..<hidden {
                    let row = r * inputs
                    var sum = p[b1Offset + r]
                    for c in 0..<inputs { sum += p[row + c] * xs[c] }
                    let t = tanhf(sum)
                    act[r] = t
                    score += p[w2Offset + r] * t
                }
            }
        }
        return (score, act)
    }

    public func score(_ x: [Float]) -> Float { forward(x).score }

    /// Adds d(loss)/d(parameters) to `gradient`, given d(loss)/d(score) = `upstream` for input
    /// `x` with the activations `forward` returned.
    public func accumulate(_ gradient: inout [Float], input raw: [Float], activations act: [Float], upstream: Float) {
        let x = standardised(raw)
        parameters.withUnsafeBufferPointer { p in
            gradient.withUnsafeMutableBufferPointer { g in
                x.withUnsafeBufferPointer { xs in
                    g[b2Offset] += upstream
                    for r in 0..<hidden {
                        g[w2Offset + r] += upstream * act[r]
                        let dPre = upstream * p[w2Offset + r] * (1 - act[r] * act[r])
                        g[b1Offset + r] += dPre
                        let row = r * inputs
                        for c in 0..<inputs { g[row + c] += dPre * xs[c] }
                    }
                }
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

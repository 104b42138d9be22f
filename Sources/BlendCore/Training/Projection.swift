/// A learned linear map P (`rows × columns`, row-major) applied to sentence embeddings.
public struct Projection: Sendable, Codable, Hashable {
    public let rows: Int
    public let columns: Int
    public var values: [Float]

    /// The first `rows` rows of the identity: at the start, cos(P x, P y) is the cosine of the
    /// embeddings' first `rows` coordinates (all of them when rows = columns).
    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        var v = [Float](repeating: 0, count: rows * columns)
        for r in 0..<min(rows, columns) { v[r * columns + r] = 1 }
        values = v
    }

    public func apply(_ x: [Float]) -> [Float] {
        var out = [Float](repeating: 0, count: rows)
        values.withUnsafeBufferPointer { p in
            for r in 0..<rows {
                var sum: Float = 0
                let row = r * columns
                for c in 0..<columns { sum += p[row + c] * x[c] }
                out[r] = sum
            }
        }
        return out
    }

    /// cos(u, v) and its gradients with respect to u and v.
    static func cosine(_ u: [Float], _ v: [Float]) -> (value: Float, du: [Float], dv: [Float]) {
        var uv: Float = 0, uu: Float = 0, vv: Float = 0
        for k in u.indices { uv += u[k] * v[k]; uu += u[k] * u[k]; vv += v[k] * v[k] }
        let nu = max(uu.squareRoot(), 1e-12), nv = max(vv.squareRoot(), 1e-12)
        let s = uv / (nu * nv)
        let du = u.indices.map { v[$0] / (nu * nv) - s * u[$0] / (nu * nu) }
        let dv = u.indices.map { u[$0] / (nu * nv) - s * v[$0] / (nv * nv) }
        return (s, du, dv)
    }
}

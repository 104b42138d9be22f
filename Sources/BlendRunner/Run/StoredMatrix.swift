import BlendCore
import BlendStore
import Foundation

/// An example's complete comparison matrix as one cache entry (stage `compare-matrix`), written
/// beside the per-pair entries it repeats once every ordered pair is stored. A cached re-run then
/// reads one entry per example instead of n(n-1) pairs, each its own row and JSON value (182 per
/// AlpacaEval example). The per-pair entries stay the record: `plan`, lazy rules (bubble) and
/// partly computed examples read them, and a matrix entry that is missing or does not decode
/// only means the pairs are read instead.
///
/// `logits` is base64 of the row-major matrix's IEEE-754 float64 bits, little-endian, with NaN on
/// the diagonal: exactly the values the pairs hold (a stored pair is never NaN).
struct StoredMatrix: Codable, Equatable {
    var count: Int
    var logits: String

    init(_ matrix: [[Double?]]) {
        count = matrix.count
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * count * 8)
        for row in matrix {
            for value in row {
                let bits = (value ?? .nan).bitPattern.littleEndian
                for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
            }
        }
        logits = Data(bytes).base64EncodedString()
    }

    /// The matrix, or nil when the entry is malformed or an off-diagonal entry is missing.
    var matrix: [[Double?]]? {
        guard count > 0, let data = Data(base64Encoded: logits), data.count == count * count * 8 else { return nil }
        let n = count
        let values: [Double] = data.withUnsafeBytes { raw in
            (0..<(n * n)).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self))) }
        }
        var out: [[Double?]] = Array(repeating: Array(repeating: nil, count: n), count: n)
        for i in 0..<n {
            for j in 0..<n where i != j {
                guard !values[i * n + j].isNaN else { return nil }
                out[i][j] = values[i * n + j]
            }
        }
        return out
    }

    /// Per example, its stored matrix, or nil (not stored, malformed, or of another size).
    static func read(_ comparator: any PairwiseComparator, shared: [CompareStage.Shared], examples: [Example],
                     store: CacheStore) throws -> [[[Double?]]?] {
        let keys = examples.indices.map { CompareStage.matrixKey(comparator, fields: shared[$0], count: examples[$0].candidates.count) }
        let stored = try store.values(for: keys)
        let decoder = JSONDecoder()
        return zip(keys, examples).map { key, example in
            guard let data = stored[key.digest], let entry = try? decoder.decode(StoredMatrix.self, from: data),
                  entry.count == example.candidates.count else { return nil }
            return entry.matrix
        }
    }

    /// Stores the matrices of `examples` (indices into `matrices`) that are complete, in one transaction.
    static func write(_ comparator: any PairwiseComparator, shared: [CompareStage.Shared], examples: [Int], matrices: [[[Double?]]?],
                      store: CacheStore) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var entries: [(key: CacheKey, value: Data)] = []
        for e in examples {
            guard let m = matrices[e], m.indices.allSatisfy({ i in m.indices.allSatisfy { j in i == j || m[i][j] != nil } }) else { continue }
            entries.append((CompareStage.matrixKey(comparator, fields: shared[e], count: m.count), try encoder.encode(StoredMatrix(m))))
        }
        try store.store(entries)
    }
}

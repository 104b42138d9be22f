#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// Bradley-Terry strengths by maximum likelihood (beyond the paper; Hunter 2004, "MM algorithms
/// for generalized Bradley-Terry models"). Every compared ordered entry M[i][j] is one game
/// decided by its sign: > 0 a win for i, < 0 a win for j, = 0 half a win each (so both orders
/// of a pair are two games and position bias averages out). To keep the estimate finite when a
/// candidate wins or loses everything, each compared pair also gets `prior` pseudo-wins for each
/// side (default 0.5). MM update: pi_i <- W_i / sum_{j} n_ij / (pi_i + pi_j), renormalised to
/// mean 1, until the largest change of log pi is below 1e-9 or 500 iterations. s_i = log pi_i.
/// Ties keep index order. Deterministic (fixed iteration order); invariant to candidate order
/// for tie-free scores.
public struct BradleyTerryRule: AggregationRule, Configurable {
    public static let readsEveryPair = true
    public static let id = "bradley-terry"
    public static let version = 1
    public struct Parameters: ComponentParameters {
        /// Pseudo-wins for each side of every compared pair.
        public var prior = 0.5
        public init() {}
        public func validate() throws { guard prior >= 0 else { throw ParameterError.invalid(key: "prior", message: "must be 0 or more") } }
    }

    public let params: Parameters
    public init(_ params: Parameters = .init()) { self.params = params }

    public func aggregate(_ source: any ComparisonSource, seed: UInt64, purpose: String) async throws -> AggregationResult {
        try source.requireCandidates()
        let m = try await source.fullMatrix()
        let n = m.count
        // wins[i][j]: games i won against j (pseudo-wins included); games[i][j] = wins[i][j] + wins[j][i].
        var wins = Array(repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0..<n where j != i {
                guard let l = m[i][j] else { continue }
                if l > 0 { wins[i][j] += 1 } else if l < 0 { wins[j][i] += 1 } else { wins[i][j] += 0.5; wins[j][i] += 0.5 }
            }
        }
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) where m[i][j] != nil || m[j][i] != nil {
                wins[i][j] += params.prior
                wins[j][i] += params.prior
            }
        }
        var pi = [Double](repeating: 1, count: n)
        for _ in 0..<500 {
            var next = pi
            for i in 0..<n {
                let w = wins[i].reduce(0, +)
                var denominator = 0.0
                for j in 0..<n where j != i {
                    let games = wins[i][j] + wins[j][i]
                    if games > 0 { denominator += games / (pi[i] + pi[j]) }
                }
                next[i] = denominator > 0 && w > 0 ? w / denominator : pi[i]
            }
            let mean = next.reduce(0, +) / Double(n)
            var change = 0.0
            for i in 0..<n {
                next[i] /= mean
                change = max(change, abs(log(next[i]) - log(pi[i])))
            }
            pi = next
            if change < 1e-9 { break }
        }
        return AggregationResult(scores: pi.map { log($0) })
    }
}

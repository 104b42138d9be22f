/// Minimum-Bayes-risk consensus (a pointwise baseline beyond the paper's table; Kumar & Byrne
/// 2004, as used for LLM output selection): s_i = mean_{j != i} sim(c_i, c_j), the candidate's
/// mean similarity to the other candidates, with sim a lexical metric of c_i (hypothesis)
/// against c_j (reference): BLEU, chrF, ROUGE-1/2/L/Lsum from `LexicalScorer` (`metric`,
/// default bleu; `stemming` for ROUGE). Needs neither the instruction nor a reference output. N = 1
/// scores 0. Deterministic; equal scores tie (broken by candidate order); invariant to candidate
/// order. The embedding-similarity variant is not built (see README).
public struct MBRRanker: PointwiseRanker, Configurable {
    public static let id = "mbr"
    public static let version = 1
    public static let reads: ExampleInputs = [.candidates]

    public var params: LexicalScorer.Parameters
    public init(_ params: LexicalScorer.Parameters = .init()) { self.params = params }

    public func scores(for example: Example, context: ComponentContext) async throws -> [Double] {
        let texts = example.candidates.map(\.text)
        let n = texts.count
        guard n > 1 else { return [Double](repeating: 0, count: n) }
        let scorer = LexicalScorer(metrics: [params.metric], stemming: params.stemming)
        var scores = [Double](repeating: 0, count: n)
        for j in 0..<n {
            // Column by column, so each reference text is prepared once.
            let others = (0..<n).filter { $0 != j }
            for (i, v) in zip(others, scorer.score(hypotheses: others.map { texts[$0] }, reference: texts[j])) { scores[i] += v[0] }
        }
        return scores.map { $0 / Double(n - 1) }
    }
}

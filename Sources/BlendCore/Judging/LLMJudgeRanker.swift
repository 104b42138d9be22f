/// An LLM judge comparing candidates in pairs with the paper's GPT-Rank prompt
/// (`GPTRankPrompt`, digest section 5.4), aggregated like the paper's GPT-Rank: every verdict
/// goes into a matrix (A better: M[a][b] += 1, M[b][a] -= 1; same good: both += 0.5; same bad:
/// both -= 0.5) and a candidate's score is its net wins, s_i = sum_j (M[i][j] - M[j][i])
/// (`Oracle.oracleScores`). Higher is better; ties stay ties.
///
/// `order: random` shows each pair once with A/B assigned by a coin drawn from the experiment
/// seed, the example and the pair (the paper: p = 0.5); `order: both` asks in both orders and
/// counts both verdicts. An answer is parsed as the paper does; an unparseable answer is asked
/// again (sample index 1, 2, ..., at temperature max(t, 0.7) and seed = the retry number, since
/// a deterministic judge would repeat itself) up to `retries` times, then the pair gets no verdict.
/// Deterministic for a fixed seed and a deterministic backend (temperature 0, the paper's).
/// The same judge serves as the oracle of generated candidates and fused outputs.
///
/// `candidate_chars` (0 = no cut, the default) cuts each of the two candidates to its first
/// that many characters ("..." appended, as chat-fuser's budget) so a pair of long AlpacaEval
/// answers fits a small judge's window: with SmolLM2's 2,048 tokens about 2% of the 91 pairs
/// per example overflow uncut and the server refuses them; 1500 keeps a pair near 1,000 tokens.
/// It is part of the identity only when set, so existing judge caches stay valid.
public struct LLMJudgeRanker: PointwiseRanker, BackendUser, Configurable {
    public static let id = "llm-judge"
    public static let version = 1
    public static let isSeeded = true

    public enum Order: String, ParameterChoice { case random, both }

    public struct Parameters: ComponentParameters {
        public var backend = BackendDefaults.backend
        public var model = BackendDefaults.model
        /// `chat` sends the prompt as one user message; `completion` as a plain prompt.
        public var mode = PromptMode.chat
        public var order = Order.random
        public var retries = 3
        public var sampling = Sampling(temperature: 0, maxTokens: 16, stop: ["\n"])
        /// Each candidate's character budget in the prompt; 0 = no cut.
        public var candidateChars = 0
        public init() {}

        enum CodingKeys: String, CodingKey { case backend, model, mode, order, retries, sampling, candidateChars = "candidate_chars" }

        public func validate() throws {
            guard (0...10).contains(retries) else { throw ParameterError.invalid(key: "retries", message: "must be between 0 and 10") }
            try sampling.validate()
            guard candidateChars >= 0 else { throw ParameterError.invalid(key: "candidate_chars", message: "must be 0 (no cut) or more") }
        }
    }

    public let params: Parameters
    public init(_ params: Parameters = .init()) { self.params = params }

    public var backendNames: [String] { [params.backend] }
    /// `model@backend` and the setting that tells rows apart; the full parameters are in result.json.
    public var displayName: String { "llm-judge(\(params.model)@\(params.backend),\(params.order.rawValue))" }
    /// `candidate_chars` only when set, so the judge caches from before it existed stay valid.
    public var parameters: JSONValue {
        guard params.candidateChars == 0, case .object(var o) = params.json else { return params.json }
        o["candidate_chars"] = nil
        return .object(o)
    }

    public func scores(for example: Example, context: ComponentContext) async throws -> [Double] {
        let verdicts = try await verdicts(for: example, pairs: Self.allPairs(example.candidates.count), context: context)
        return Oracle.pairwise(verdicts).oracleScores(models: example.candidates.map(\.model))
    }

    /// Every pair (i, j) with i < j.
    public static func allPairs(_ n: Int) -> [(Int, Int)] {
        (0..<n).flatMap { i in (i + 1..<max(i + 1, n)).map { (i, $0) } }
    }

    /// The judge's verdicts on `pairs` of candidate indices, in the order it saw them.
    public func verdicts(for example: Example, pairs: [(Int, Int)], context: ComponentContext) async throws -> [PairVerdict] {
        let service = try context.backends(for: Self.id)
        var out: [PairVerdict] = []
        for (i, j) in pairs {
            var orders: [(Int, Int)]
            if params.order == .both {
                orders = [(i, j), (j, i)]
            } else {
                var coin = SeededGenerator(seed: context.seed, purpose: "llm-judge/\(example.id.rawValue)/\(example.candidates[i].model.rawValue)/\(example.candidates[j].model.rawValue)")
                orders = [coin.next() & 1 == 0 ? (i, j) : (j, i)]
            }
            for (a, b) in orders {
                if let outcome = try await judge(example, a: example.candidates[a].text, b: example.candidates[b].text, service: service) {
                    out.append(PairVerdict(a: example.candidates[a].model, b: example.candidates[b].model, outcome: outcome))
                }
            }
        }
        return out
    }

    /// One comparison with retries; nil when no answer parsed.
    func judge(_ example: Example, a: String, b: String, service: any TextGeneration) async throws -> PairVerdict.Outcome? {
        let text = GPTRankPrompt.text(instruction: example.instruction, input: example.input,
                                      a: ChatFuser.cut(a, chars: params.candidateChars), b: ChatFuser.cut(b, chars: params.candidateChars))
        let prompt: GenerationRequest.Prompt = params.mode == .chat ? .chat([ChatMessage(role: "user", content: text)]) : .completion(text + "\n")
        for attempt in 0...params.retries {
            var settings = params.sampling
            if attempt > 0 {   // asking a deterministic judge again gives the same answer: sample the retries
                settings.temperature = max(settings.temperature, 0.7)
                settings.seed = attempt
            }
            let answer = try await service.generate(GenerationRequest(backend: params.backend, model: params.model, prompt: prompt, sampling: settings,
                                                                      sample: attempt, purpose: Self.id))
            if let outcome = GPTRankPrompt.parse(answer.text) { return outcome }
        }
        return nil
    }
}

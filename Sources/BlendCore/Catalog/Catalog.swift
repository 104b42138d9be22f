/// The one place that names every component. Experiment files, the CLI and reports refer to
/// components by these ids; an unknown id is an error that lists the known ones.
public enum Catalog {
    /// A named component maker: the id, a one-line summary, and a factory that reads and
    /// validates the component's parameters.
    public struct Entry<Made>: Sendable {
        public let id: String
        public let summary: String
        let make: @Sendable (inout ParameterReader) throws -> Made

        public init(id: String, summary: String, make: @escaping @Sendable (inout ParameterReader) throws -> Made) {
            self.id = id
            self.summary = summary
            self.make = make
        }
    }

    public static let rankers: [Entry<RankerComponent>] = [
        Entry(id: RandomRanker.id, summary: "uniform random scores, seeded (the paper's Random)") {
            .pointwise(RandomRanker(seed: try $0.int("seed", default: 0)))
        },
        Entry(id: OracleRanker.id, summary: "the oracle's own ranking (upper bound)") { _ in .pointwise(OracleRanker()) },
        Entry(id: LengthRanker.id, summary: "candidate length in characters") {
            .pointwise(LengthRanker(prefer: try $0.choice("prefer", ["longest", "shortest"], default: "longest")))
        },
        Entry(id: LLMJudgeRanker.id, summary: "LLM judge, GPT-Rank prompt, pairwise net wins (the paper's GPT-Rank)") { .pointwise(try LLMJudgeRanker.read(&$0)) },
        Entry(id: LMScoreRanker.id, summary: "mean token log-probability under a causal LM (backend logprobs)") { .pointwise(try LMScoreRanker.read(&$0)) },
    ]

    public static let fusers: [Entry<any Fuser>] = [
        Entry(id: GenFuserPromptFuser.id, summary: "the paper's GenFuser prompt, verbatim, on a completions backend") { try GenFuserPromptFuser.read(&$0) },
        Entry(id: ChatFuser.id, summary: "fusion of the top-K by an instruction-tuned chat model") { try ChatFuser.read(&$0) },
    ]

    public static let generators: [Entry<LLMGenerator>] = [
        Entry(id: LLMGenerator.id, summary: "candidates generated live by a backend model") { try LLMGenerator.read(&$0) },
    ]

    public static let metrics: [Entry<any OutputMetric>] = [
        Entry(id: OracleRankMetric.id, summary: "oracle rank of the output, 1 = best (GPT-Rank analogue)") { _ in OracleRankMetric() },
        Entry(id: TopKMetric.id, summary: "100 if the output's oracle rank is <= k (Top-K %)") {
            let k = try $0.int("k", default: 3)
            guard k >= 1 else { throw ParameterError.invalid(key: "k", message: "must be at least 1") }
            return TopKMetric(k: k)
        },
        Entry(id: JudgeScoreMetric.id, summary: "the judge's score of the output") { _ in JudgeScoreMetric() },
    ]

    /// Makes the component `id` of `entries` with `params`, or explains what is wrong.
    public static func make<Made>(_ entries: [Entry<Made>], kind: String, id: String, params: [String: JSONValue]) throws -> Made {
        guard let entry = entries.first(where: { $0.id == id }) else {
            throw CatalogError.unknownID(kind: kind, id: id, known: entries.map { $0.id })
        }
        var reader = ParameterReader(params)
        let made = try entry.make(&reader)
        try reader.finish()
        return made
    }
}

/// A ranker of any kind the runner knows how to drive.
public enum RankerComponent: Sendable {
    case pointwise(any PointwiseRanker)

    public var identity: JSONValue {
        switch self {
        case .pointwise(let r): r.identity
        }
    }

    public var displayName: String {
        switch self {
        case .pointwise(let r): r.displayName
        }
    }

    public var id: String {
        switch self {
        case .pointwise(let r): type(of: r).id
        }
    }

    /// The backends the ranker calls (empty for local rankers).
    public var backendNames: [String] {
        switch self {
        case .pointwise(let r): (r as? any BackendUser)?.backendNames ?? []
        }
    }

    public var tableGroup: MethodInfo.Group {
        switch self {
        case .pointwise(let r): type(of: r).tableGroup
        }
    }
}

public enum CatalogError: Error, Equatable, Sendable {
    case unknownID(kind: String, id: String, known: [String])

    public var message: String {
        switch self {
        case .unknownID(let kind, let id, let known):
            "unknown \(kind) '\(id)'; known \(kind)s: \(known.joined(separator: ", "))"
        }
    }
}

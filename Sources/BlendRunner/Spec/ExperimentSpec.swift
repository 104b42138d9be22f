import BlendCore
import BlendData
import BlendReport

/// An experiment file, decoded and validated: plain data, no components yet.
public struct ExperimentSpec: Sendable {
    public var name: String
    public var description: String
    public var seed: UInt64
    /// The method the paired tests compare against: a model name or a method label.
    public var baseline: String?
    public var dataset: DatasetSpec
    public var rankers: [RankerSpec]
    public var aggregation: [RuleSpec]
    public var topK: [Int]
    public var fusers: [FuserSpec]
    public var metrics: [MetricSpec]
    /// The report sections the pages show, in order (`report.tables:`); nil = every section.
    public var tables: [String]?
    public var concurrency: Int
    /// OpenAI-compatible servers by name (`backends:`); empty when the experiment calls none.
    public var backends: [String: BackendSpec] = [:]
    /// Candidate generators (`generate:`); when present they replace the loaded candidates.
    public var generate: [GeneratorSpec] = []
    /// The LLM judge (`judge:`): the oracle of generated candidates and of fused texts.
    public var judge: RankerSpec?
    /// Training data for trained rankers; nil when the experiment trains none.
    public var training: TrainingSpec?
    /// Text near the top of the pages (`notes:`); not part of the spec hash or any cache key.
    public var notes: String?
    /// Text at the end of the pages (`reading:`); not part of the spec hash or any cache key.
    public var reading: String?
    /// The ranker rows the fusers fuse (`fuse_rankers:`, labels or ids with one row); empty =
    /// every ranker row.
    public var fuseRankers: [String] = []
    /// Top-K selection views (`topk_views:`).
    public var topKViews: [TopKViewSpec] = []
    /// The fully resolved file (defaults filled in), as canonical data; its hash is the spec hash.
    public var resolved: JSONValue

    public static var knownTables: [String] { ReportSections.ids }
    public static let defaultMetrics = ["oracle-rank", "top-k", "judge-score"]
}

public struct DatasetSpec: Sendable {
    public enum Source: String, Sendable, CaseIterable {
        case alpacaEval = "alpaca-eval"
        case mixInstruct = "mixinstruct"
        case jsonLines = "jsonl"
        case fastChat = "fastchat"
    }

    public var source: Source
    public var path: String
    /// Candidate models in table order; nil = every model the data has.
    public var candidates: [ModelName]?
    public var reference: String?
    public var annotator: String
    public var scoreOracle: String?
    public var onMissing: MissingPolicy
    public var onInvalid: InvalidPolicy
    /// Named fractions, in order; empty = no split.
    public var split: [(name: String, fraction: Double)]
    /// The split part to evaluate on, or "all".
    public var evaluate: String
    public var limit: Int?
    /// `split: {folds: K}`: k-fold cross-fitting by instruction hash and the experiment seed
    /// (every example evaluated, each by the trained models that did not see its fold).
    public var folds: Folds? = nil
    /// An empty or whitespace-only answer: kept as a candidate (default) or an error.
    public var onEmpty: EmptyPolicy = .keep
    /// fastchat: the evaluated turn of multi-turn questions, 1-based.
    public var turn = 1
}

/// A component as an experiment file names it (an id and its parameters, at a key path) and the
/// component those make, built once from the catalog when the spec is made: the runner, the
/// planner and the reports all use `made`, never the id and parameters again.
public struct ComponentSpec<Made: Sendable>: Sendable {
    public let id: String
    public let params: [String: JSONValue]
    public let keyPath: String
    public let made: Made
    let catalog: [Catalog.Entry<Made>]
    let kind: String

    init(id: String, params: [String: JSONValue], keyPath: String, catalog: [Catalog.Entry<Made>], kind: String) throws {
        self.id = id
        self.params = params
        self.keyPath = keyPath
        self.catalog = catalog
        self.kind = kind
        made = try Catalog.make(catalog, kind: kind, id: id, params: params)
    }

    /// The same component with other parameters, built anew.
    public func with(params: [String: JSONValue]) throws -> Self {
        try Self(id: id, params: params, keyPath: keyPath, catalog: catalog, kind: kind)
    }

    public var json: JSONValue { .object(["id": .string(id), "params": .object(params)]) }
    /// The backends the component calls (none for local components).
    var backendNames: [String] { (made as? any BackendUser)?.backendNames ?? [] }
    var uses: (keyPath: String, backends: [String]) { (keyPath, backendNames) }
    /// Whether the component has a `model` parameter (a stack calling a backend through its
    /// inputs has none, so a backend's `model:` is not given to it).
    var hasModelParameter: Bool {
        let identity = (made as? RankerComponent)?.identity ?? (made as? any Component)?.identity
        guard case .object(let o)? = identity, case .object(let params)? = o["params"] else { return false }
        return params["model"] != nil
    }
}

public typealias RankerSpec = ComponentSpec<RankerComponent>
public typealias RuleSpec = ComponentSpec<any AggregationRule>
public typealias FuserSpec = ComponentSpec<any Fuser>
public typealias MetricSpec = ComponentSpec<any OutputMetric>
public typealias GeneratorSpec = ComponentSpec<LLMGenerator>

/// One top-K selection view as the experiment file names it (`topk_views:`): ranker rows by
/// label or by ranker id, and the Ks (nil = 1...N).
public struct TopKViewSpec: Sendable {
    public var first: String
    public var second: String?
    public var k: [Int]?
    public var keyPath: String

    public var json: JSONValue {
        .object(["first": .string(first), "second": second.map(JSONValue.string) ?? .null,
                 "k": k.map { .array($0.map(JSONValue.int)) } ?? .null])
    }
}

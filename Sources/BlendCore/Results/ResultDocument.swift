/// Everything a run found, in one JSON document (`results/<name>/result.json`). Reports are
/// rendered from it alone, so a report can be re-rendered without recomputing anything.
/// All collections are ordered so that the same run gives byte-identical JSON.
public struct ResultDocument: Sendable, Codable, Equatable {
    /// 2: methods carry typed `ranker` / `aggregation` / `fuser` / `topK` / `comparisons`
    /// fields; a schema-1 document gets them from its component identities when read (`upgraded`).
    public static let currentSchema = 2

    public var schema: Int
    public var experiment: ExperimentInfo
    /// The resolved experiment spec, as canonical data.
    public var spec: JSONValue
    public var data: DataSummary
    public var methods: [MethodInfo]
    public var metrics: [MetricInfo]
    /// Per method (by `MethodInfo.key`), per metric id: the aggregate over examples.
    public var aggregates: [String: [String: Aggregate]]
    /// Per ranker method (by `MethodInfo.key`): agreement of its ranking with the oracle's.
    /// Absent in documents written before it existed, or when the run had no ranker.
    public var diagnostics: [String: RankerDiagnostics]?
    public var examples: [ExampleResult]
    public var provenance: Provenance
    /// Language model backend use per component and model; nil when the run called no backend.
    public var usage: [UsageRecord]?
    /// Per trained ranker (display name): what its training did; nil when none was trained.
    public var training: [String: TrainingReport]?
    /// The experiment's top-K selection views (`topk_views:`); nil when it has none.
    public var topKViews: [TopKViewResult]?

    public init(experiment: ExperimentInfo, spec: JSONValue, data: DataSummary, methods: [MethodInfo], metrics: [MetricInfo],
                aggregates: [String: [String: Aggregate]], diagnostics: [String: RankerDiagnostics]? = nil,
                examples: [ExampleResult], provenance: Provenance) {
        self.schema = Self.currentSchema
        self.experiment = experiment
        self.spec = spec
        self.data = data
        self.methods = methods
        self.metrics = metrics
        self.aggregates = aggregates
        self.diagnostics = diagnostics
        self.examples = examples
        self.provenance = provenance
    }

    /// The document in the current schema: an older one's methods get their typed fields from
    /// their component identities (see `MethodInfo.upgraded`); a current one is returned as is.
    public func upgraded() -> ResultDocument {
        guard schema < Self.currentSchema else { return self }
        var copy = self
        copy.methods = methods.map { $0.upgraded() }
        copy.schema = Self.currentSchema
        return copy
    }
}

public struct ExperimentInfo: Sendable, Codable, Equatable {
    public var name: String
    public var description: String
    public var baseline: String?
    /// Text shown near the top of the pages (`notes:`), paragraphs split on blank lines.
    public var notes: String?
    /// Text shown at the end of the pages as "Reading" (`reading:`), paragraphs split on blank lines.
    public var reading: String?
    /// The report sections the pages show, in order (`report.tables:`); nil = every section.
    /// Like the texts above, a choice of presentation: not part of the spec hash.
    public var tables: [String]?

    public init(name: String, description: String, baseline: String?, notes: String? = nil, reading: String? = nil, tables: [String]? = nil) {
        self.name = name
        self.description = description
        self.baseline = baseline
        self.notes = notes
        self.reading = reading
        self.tables = tables
    }
}

/// Which data the run used and what it left out.
public struct DataSummary: Sendable, Codable, Equatable {
    public var source: String
    public var path: String
    public var candidates: [ModelName]
    /// Examples loaded before splitting.
    public var loaded: Int
    /// Examples per split part, by part name.
    public var splits: [String: Int]
    /// The part evaluated, or "all".
    public var evaluatedSplit: String
    public var evaluated: Int
    /// Rows or examples skipped while loading, by reason (`missing candidate: minotaur-13b`).
    public var skipped: [String: Int]
    /// Candidates dropped as unusable (no grade, duplicate model) from examples, by reason; nil
    /// when none was (and in documents written before it existed).
    public var droppedCandidates: [String: Int]?
    /// Empty or whitespace-only answers loaded as candidates; nil when there were none.
    public var emptyAnswers: Int?

    public init(source: String, path: String, candidates: [ModelName], loaded: Int, splits: [String: Int],
                evaluatedSplit: String, evaluated: Int, skipped: [String: Int],
                droppedCandidates: [String: Int]? = nil, emptyAnswers: Int? = nil) {
        self.droppedCandidates = droppedCandidates
        self.emptyAnswers = emptyAnswers
        self.source = source
        self.path = path
        self.candidates = candidates
        self.loaded = loaded
        self.splits = splits
        self.evaluatedSplit = evaluatedSplit
        self.evaluated = evaluated
        self.skipped = skipped
    }
}

public struct MetricInfo: Sendable, Codable, Equatable {
    public var id: String
    public var label: String
    public var higherIsBetter: Bool
    public var component: JSONValue

    public init(id: String, label: String, higherIsBetter: Bool, component: JSONValue) {
        self.id = id
        self.label = label
        self.higherIsBetter = higherIsBetter
        self.component = component
    }
}

/// A metric's mean over the examples where it applied, its bootstrap interval, and the paired
/// test against the baseline method where one is named.
public struct Aggregate: Sendable, Codable, Equatable {
    public var mean: Double
    public var low: Double
    public var high: Double
    public var count: Int
    /// Two-sided p-value of the paired test against the baseline; nil for the baseline itself.
    public var pValue: Double?

    public init(mean: Double, low: Double, high: Double, count: Int, pValue: Double?) {
        self.mean = mean
        self.low = low
        self.high = high
        self.count = count
        self.pValue = pValue
    }
}

/// Per-example outcome: which candidate each method selected and its metric values.
public struct ExampleResult: Sendable, Codable, Equatable {
    public var id: ExampleID
    public var candidates: [ModelName]
    public var oracleRanks: [Int]
    /// By method key: the selected candidate index (nil for a new text) and metric values.
    public var outcomes: [String: Outcome]

    public struct Outcome: Sendable, Codable, Equatable {
        public var selected: Int?
        public var values: [String: Double]
        /// The new text a blender row produced (nil for a selection).
        public var text: String?

        public init(selected: Int?, values: [String: Double], text: String? = nil) {
            self.selected = selected
            self.values = values
            self.text = text
        }
    }

    public init(id: ExampleID, candidates: [ModelName], oracleRanks: [Int], outcomes: [String: Outcome]) {
        self.id = id
        self.candidates = candidates
        self.oracleRanks = oracleRanks
        self.outcomes = outcomes
    }
}

/// Where the numbers came from. Everything run-specific (times, cache hits) lives here, so two
/// runs of the same spec differ only in this block.
public struct Provenance: Sendable, Codable, Equatable {
    public var gitCommit: String
    public var specHash: String
    public var toolVersion: String
    public var seed: UInt64
    public var startedAt: String
    public var stages: [StageRecord]

    public init(gitCommit: String, specHash: String, toolVersion: String, seed: UInt64, startedAt: String, stages: [StageRecord]) {
        self.gitCommit = gitCommit
        self.specHash = specHash
        self.toolVersion = toolVersion
        self.seed = seed
        self.startedAt = startedAt
        self.stages = stages
    }
}

public struct StageRecord: Sendable, Codable, Equatable {
    public var stage: String
    public var seconds: Double
    public var hits: Int
    public var misses: Int

    public init(stage: String, seconds: Double, hits: Int, misses: Int) {
        self.stage = stage
        self.seconds = seconds
        self.hits = hits
        self.misses = misses
    }
}

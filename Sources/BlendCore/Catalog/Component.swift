/// What every catalog component has: a stable kebab-case id used in experiment files, the cache
/// and reports; a version that is bumped whenever its algorithm changes (so old cache entries
/// miss); and its resolved parameters, which are part of every cache key it produces.
public protocol Component: Sendable {
    static var id: String { get }
    static var version: Int { get }
    var parameters: JSONValue { get }
    /// The parts of an example the component reads; they go into its cache keys.
    static var reads: ExampleInputs { get }
    /// Whether its output depends on the experiment seed (then the seed is in its cache keys).
    static var isSeeded: Bool { get }
    /// The name in tables; by default `id` plus its parameters (see the extension).
    var displayName: String { get }
}

extension Component {
    public static var reads: ExampleInputs { [.source, .candidates] }
    public static var isSeeded: Bool { false }

    /// Identity of this configured component for cache keys: id, version and parameters.
    public var identity: JSONValue {
        .object(["id": .string(Self.id), "version": .int(Self.version), "params": parameters])
    }

    /// Everything that determines this component's output on `example`: its identity, hashes of
    /// the example parts it reads, and the seed if it is seeded. This is its cache key.
    public func cacheFields(for example: Example, seed: UInt64) -> JSONValue {
        var fields: [String: JSONValue] = ["component": identity, "example": example.keyFields(Self.reads)]
        if Self.isSeeded { fields["seed"] = .int(Int(truncatingIfNeeded: seed)) }
        return .object(fields)
    }

    /// `id` plus its non-default parameters, for tables (`random(seed=3)`).
    public var displayName: String {
        guard case .object(let params) = parameters, !params.isEmpty else { return Self.id }
        let inner = params.keys.sorted().map { "\($0)=\(String(params[$0]!.canonical.filter { $0 != "\"" }))" }
        return Self.id + "(" + inner.joined(separator: ",") + ")"
    }
}

/// What a component may use while it works: the run's seed and shared services.
public struct ComponentContext: Sendable {
    /// The experiment's seed; components derive per-example streams from it.
    public var seed: UInt64
    /// The reference output name for reference-based components (`gpt4_1106_preview`).
    public var reference: String?
    /// Text encoders (BERTScore, embedding rankers); the runner or CLI supplies them.
    public var encoders: (any TextEncoderProvider)?
    /// A persistent cache for expensive per-example values (metrics); nil means compute always.
    public var cache: (any ValueCache)?
    /// The reference texts of the examples being evaluated (for corpus statistics such as idf).
    public var referenceCorpus: [String]
    /// Language model backends (cached), when the experiment configures any.
    public var generation: (any TextGeneration)?
    /// Embedding endpoints of the same backends (cached), for components with `backend:` set.
    public var embeddings: (any EmbeddingService)?
    /// How many independent computations (encoder passes) a component may run at once; the
    /// runner sets the experiment's `run.concurrency`. Results never depend on it.
    public var concurrency: Int = 1

    public init(seed: UInt64, reference: String? = nil, encoders: (any TextEncoderProvider)? = nil,
                cache: (any ValueCache)? = nil, referenceCorpus: [String] = [], generation: (any TextGeneration)? = nil) {
        self.seed = seed
        self.reference = reference
        self.encoders = encoders
        self.cache = cache
        self.referenceCorpus = referenceCorpus
        self.generation = generation
    }

    /// The backends, or an error naming `component` that needs them.
    public func backends(for component: String) throws -> any TextGeneration {
        guard let generation else { throw GenerationError.noBackends(component: component) }
        return generation
    }
}

/// k-fold cross-fitting: every example belongs to one of `count` folds, by the hash of its
/// source text (instruction and input) and the experiment seed, never by row order. A trained
/// ranker is trained `count` times, each time on the examples of every fold but one, and each
/// example is scored by the model that did not see it (`CrossFittedRanker`).
public struct Folds: Sendable, Hashable, Codable {
    public var count: Int
    public var seed: UInt64

    public init(count: Int, seed: UInt64) {
        self.count = count
        self.seed = seed
    }

    /// The 0-based fold of a source text.
    public func fold(ofSource source: String) -> Int {
        let digest = SHA256.digest(Array("fold:\(seed):\(source)".utf8))
        let word = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Int(word % UInt64(count))
    }

    public func fold(of example: Example) -> Int { fold(ofSource: example.source) }

    /// The report name of fold `k`'s model of a ranker (`stack [fold 2/5]`).
    public func label(_ name: String, fold k: Int) -> String { "\(name) [fold \(k + 1)/\(count)]" }
}

/// What the cross-fitted rankers share: one model per fold, the base's identity statics, and
/// parameters that list every fold's weights digest.
public protocol CrossFitted: Component, BackendUser, EncoderUser {
    associatedtype Base: Component
    var models: [Base] { get }
    var folds: Folds { get }
}

extension CrossFitted {
    public static var id: String { Base.id }
    public static var version: Int { Base.version }
    public static var reads: ExampleInputs { Base.reads }
    public static var isSeeded: Bool { Base.isSeeded }
    public var displayName: String { models[0].displayName }
    public var backendNames: [String] { (models[0] as? any BackendUser)?.backendNames ?? [] }
    public var encoderModels: [String] { (models[0] as? any EncoderUser)?.encoderModels ?? [] }

    /// The model that did not train on `example`'s fold.
    func model(for example: Example) -> Base { models[folds.fold(of: example)] }
}

/// A pointwise trained ranker as K models, one per fold: an example is scored by the model
/// trained without its fold. Its identity lists every fold's weights digest.
public struct CrossFittedRanker<Base: PointwiseRanker>: PointwiseRanker, CrossFitted {
    public static var tableGroup: MethodInfo.Group { Base.tableGroup }
    public let models: [Base]
    public let folds: Folds
    /// Computed once: every cache key of the ranker names it.
    public let parameters: JSONValue

    public init(models: [Base], folds: Folds) {
        precondition(models.count == folds.count, "one model per fold")
        (self.models, self.folds) = (models, folds)
        parameters = CrossFitIdentity.parameters(models.map(\.parameters), folds: folds)
    }

    public func scores(for example: Example, context: ComponentContext) async throws -> [Double] {
        try await model(for: example).scores(for: example, context: context)
    }
}

/// A pairwise trained comparator as K models, one per fold (see `CrossFittedRanker`).
public struct CrossFittedComparator<Base: PairwiseComparator>: PairwiseComparator, CrossFitted {
    public static var tableGroup: MethodInfo.Group { Base.tableGroup }
    public let models: [Base]
    public let folds: Folds
    /// Computed once: every cache key of the ranker names it.
    public let parameters: JSONValue

    public init(models: [Base], folds: Folds) {
        precondition(models.count == folds.count, "one model per fold")
        (self.models, self.folds) = (models, folds)
        parameters = CrossFitIdentity.parameters(models.map(\.parameters), folds: folds)
    }

    public func logit(_ example: Example, _ i: Int, _ j: Int, context: ComponentContext) async throws -> Double {
        try await model(for: example).logit(example, i, j, context: context)
    }
}

enum CrossFitIdentity {
    /// The first model's parameters with `weights` replaced by every fold's digest, and the folds.
    static func parameters(_ each: [JSONValue], folds: Folds) -> JSONValue {
        guard case .object(var first)? = each.first else { return .null }
        first["weights"] = .array(each.map { p in
            if case .object(let o) = p, let w = o["weights"] { return w }
            return .null
        })
        first["folds"] = .object(["count": .int(folds.count), "seed": .int(Int(truncatingIfNeeded: folds.seed))])
        return .object(first)
    }
}

extension RankerComponent {
    /// Per-fold trained copies of this ranker joined into one cross-fitted ranker.
    public static func crossFitted(_ models: [RankerComponent], folds: Folds) -> RankerComponent? {
        guard let first = models.first else { return nil }
        switch first {
        case .pointwise(let r): return pointwise(r, models, folds)
        case .pairwise(let r): return pairwise(r, models, folds)
        }
    }

    private static func pointwise<T: PointwiseRanker>(_ type: T, _ models: [RankerComponent], _ folds: Folds) -> RankerComponent? {
        let typed = models.compactMap { m -> T? in if case .pointwise(let r) = m { return r as? T }; return nil }
        return typed.count == models.count ? .pointwise(CrossFittedRanker(models: typed, folds: folds)) : nil
    }

    private static func pairwise<T: PairwiseComparator>(_ type: T, _ models: [RankerComponent], _ folds: Folds) -> RankerComponent? {
        let typed = models.compactMap { m -> T? in if case .pairwise(let r) = m { return r as? T }; return nil }
        return typed.count == models.count ? .pairwise(CrossFittedComparator(models: typed, folds: folds)) : nil
    }
}

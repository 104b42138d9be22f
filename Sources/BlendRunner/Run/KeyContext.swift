import BlendCore
import BlendStore
import Foundation

/// What a stage's cache keys need beyond a component's own identity, added in this one place:
/// the identities of the backends a `BackendUser` calls (their addresses; the model is a
/// component parameter) and of the encoders an `EncoderUser` reads (SHA-256s of their files,
/// see `EncoderFingerprint`), and for a component that reads the references, which reference
/// the experiment compares with (`dataset.reference`: an example may carry several). `plan()`
/// and `run()` build keys through the same context.
struct KeyContext: Sendable {
    var seed: UInt64
    /// The experiment's reference output name; nil when it names none.
    var reference: String?
    /// Backend identity by backend name; empty when the experiment configures none.
    var backends: [String: JSONValue] = [:]
    /// Encoder identity by model directory.
    var encoders: [String: JSONValue] = [:]

    init(seed: UInt64, reference: String? = nil, backends: [String: JSONValue] = [:], encoders: [String: JSONValue] = [:]) {
        self.seed = seed
        self.reference = reference
        self.backends = backends
        self.encoders = encoders
    }

    /// The context of `spec`: its backends, and the fingerprint of every encoder its
    /// components read.
    init(spec: ExperimentSpec, store: CacheStore?) throws {
        seed = spec.seed
        reference = spec.dataset.reference
        backends = spec.backends.mapValues(\.config.identity)
        for model in try spec.encoderModels() where encoders[model] == nil {
            encoders[model] = try EncoderFingerprint.of(directory: model, store: store)
        }
    }

    /// `component.cacheFields(for:seed:)` with the backends and encoders it depends on.
    func fields(_ component: any Component, for example: Example) -> JSONValue {
        decorate(component.cacheFields(for: example, seed: seed), for: component)
    }

    /// Adds `backends` (for a backend user, when the experiment has backends), `encoders` (for
    /// an encoder user) and `reference` (for a component that reads the references, when the
    /// experiment names one) to a key's fields object.
    func decorate(_ fields: JSONValue, for component: Any) -> JSONValue {
        guard case .object(var o) = fields else { return fields }
        if let reference, let c = component as? any Component, type(of: c).reads.contains(.references) {
            o["reference"] = .string(reference)
        }
        if let user = component as? any BackendUser, !backends.isEmpty, user.keysEmptyBackends || !user.backendNames.isEmpty {
            o["backends"] = .object(Dictionary(user.backendNames.map { ($0, backends[$0] ?? .null) }, uniquingKeysWith: { a, _ in a }))
        }
        if let user = component as? any EncoderUser, !user.encoderModels.isEmpty {
            o["encoders"] = .object(Dictionary(user.encoderModels.map { ($0, encoders[$0] ?? .null) }, uniquingKeysWith: { a, _ in a }))
        }
        return .object(o)
    }
}

extension ExperimentSpec {
    /// Every model directory a ranker or metric of the experiment reads (their
    /// `EncoderUser.encoderModels`), in first-use order: what `blendlab models` prints and
    /// `scripts/provision.sh` fetches.
    public func encoderModels() throws -> [String] {
        try encoderUsers().reduce(into: [String]()) { models, user in
            for m in user.encoderModels where !models.contains(m) { models.append(m) }
        }
    }

    /// Stops when a component whose weights `make models` does not fetch (`weightsSource`) finds
    /// its model directory without a config.json, saying where to put the weights and how to get them.
    func requireWeights() throws {
        for user in try encoderUsers() {
            guard let source = user.weightsSource else { continue }
            for model in user.encoderModels where !FileManager.default.fileExists(atPath: (model as NSString).appendingPathComponent("config.json")) {
                throw RunnerError.missingWeights(component: (user as? any Component).map { type(of: $0).id } ?? "\(type(of: user))",
                                                 directory: model, source: source)
            }
        }
    }

    /// The rankers and metrics that read encoders, in experiment order.
    func encoderUsers() throws -> [any EncoderUser] {
        var users: [any EncoderUser] = []
        func add(_ component: Any) {
            if let user = component as? any EncoderUser { users.append(user) }
        }
        for r in rankers {
            switch r.made {
            case .pointwise(let p): add(p)
            case .pairwise(let p): add(p)
            }
        }
        for m in metrics { add(m.made) }
        return users
    }
}

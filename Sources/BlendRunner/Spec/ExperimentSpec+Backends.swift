import BlendCore

extension ExperimentSpec {
    /// `backends:` by name, and a check that every component names a configured backend.
    static func decodeBackends(_ top: inout SpecReader, uses: [ComponentSpec]) throws -> [String: BackendSpec] {
        var reader = try top.reader("backends")
        var backends: [String: BackendSpec] = [:]
        for name in reader.object.keys.sorted() {
            var r = try reader.reader(name)
            backends[name] = try BackendSpec.decode(&r, name: name)
        }
        for spec in uses {
            for name in try backendNames(spec) where backends[name] == nil {
                throw top.document.error(spec.keyPath + ".backend", "no backend named '\(name)'; backends: "
                    + (backends.isEmpty ? "none (add a backends: section with base_url)" : backends.keys.sorted().joined(separator: ", ")))
            }
        }
        return backends
    }

    /// Components that call exactly one backend with a `model:` and name no model themselves
    /// get that model, before anything reads their parameters (labels, identities, cache keys).
    static func applyBackendModels(_ specs: [ComponentSpec], _ backends: [String: BackendSpec]) throws -> [ComponentSpec] {
        try specs.map { spec in
            guard spec.params["model"] == nil, let name = try backendNames(spec).first, try backendNames(spec).count == 1,
                  let model = backends[name]?.model else { return spec }
            var spec = spec
            spec.params["model"] = .string(model)
            return spec
        }
    }

    /// The backends a component spec calls (none for local components).
    static func backendNames(_ spec: ComponentSpec) throws -> [String] {
        if let made = try? Catalog.make(Catalog.rankers, kind: "ranker", id: spec.id, params: spec.params) { return made.backendNames }
        if let made = try? Catalog.make(Catalog.fusers, kind: "fuser", id: spec.id, params: spec.params) { return made.backendNames }
        if let made = try? Catalog.make(Catalog.generators, kind: "generator", id: spec.id, params: spec.params) { return made.backendNames }
        return []
    }

    /// `judge:` — one `llm-judge` as a mapping (`{id: llm-judge, backend: local, model: m}`), or absent.
    static func decodeJudge(_ top: inout SpecReader) throws -> [ComponentSpec] {
        guard let value = top.raw("judge") else { return [] }
        guard case .object(var o) = value else { throw top.error("judge", "must be a mapping like {id: llm-judge, backend: local, model: smollm2}") }
        let id: String
        switch o.removeValue(forKey: "id") {
        case nil: id = LLMJudgeRanker.id
        case .string(let s)?: id = s
        case let other?: throw top.error("judge.id", "must be a string, found \(other.typeName)")
        }
        guard id == LLMJudgeRanker.id else { throw top.error("judge.id", "unknown judge '\(id)'; known judges: \(LLMJudgeRanker.id)") }
        do {
            _ = try Catalog.make(Catalog.rankers, kind: "judge", id: id, params: o)
        } catch let error as ParameterError {
            throw top.error("judge." + error.key, error.message)
        }
        return [ComponentSpec(id: id, params: o, keyPath: "judge")]
    }
}

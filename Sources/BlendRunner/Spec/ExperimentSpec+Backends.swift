import BlendCore

extension ExperimentSpec {
    /// `backends:` by name, and a check that every component names a configured backend.
    static func decodeBackends(_ top: inout SpecReader, uses: [(keyPath: String, backends: [String])]) throws -> [String: BackendSpec] {
        var reader = try top.reader("backends")
        var backends: [String: BackendSpec] = [:]
        for name in reader.object.keys.sorted() {
            var r = try reader.reader(name)
            backends[name] = try BackendSpec.decode(&r, name: name)
        }
        for use in uses {
            for name in use.backends where backends[name] == nil {
                throw top.document.error(use.keyPath + ".backend", "no backend named '\(name)'; backends: "
                    + (backends.isEmpty ? "none (add a backends: section with base_url)" : backends.keys.sorted().joined(separator: ", ")))
            }
        }
        return backends
    }

    /// Components that call exactly one backend with a `model:` and name no model themselves
    /// get that model, before anything reads their parameters (labels, identities, cache keys).
    static func applyBackendModels<Made>(_ specs: [ComponentSpec<Made>], _ backends: [String: BackendSpec],
                                         _ document: YAMLDocument) throws -> [ComponentSpec<Made>] {
        try specs.map { spec in
            guard spec.params["model"] == nil, spec.backendNames.count == 1, spec.hasModelParameter, let model = backends[spec.backendNames[0]]?.model else { return spec }
            return try build(document, spec.keyPath) { try spec.with(params: spec.params.merging(["model": .string(model)]) { $1 }) }
        }
    }

    /// `judge:` — one `llm-judge` as a mapping (`{id: llm-judge, backend: local, model: m}`), or absent.
    static func decodeJudge(_ top: inout SpecReader) throws -> [RankerSpec] {
        guard let value = top.raw("judge") else { return [] }
        guard case .object(var o) = value else { throw top.error("judge", "must be a mapping like {id: llm-judge, backend: local, model: smollm2}") }
        let id: String
        switch o.removeValue(forKey: "id") {
        case nil: id = LLMJudgeRanker.id
        case .string(let s)?: id = s
        case let other?: throw top.error("judge.id", "must be a string, found \(other.typeName)")
        }
        guard id == LLMJudgeRanker.id else { throw top.error("judge.id", "unknown judge '\(id)'; known judges: \(LLMJudgeRanker.id)") }
        return [try build(top.document, "judge") { try ComponentSpec(id: id, params: o, keyPath: "judge", catalog: Catalog.rankers, kind: "judge") }]
    }
}

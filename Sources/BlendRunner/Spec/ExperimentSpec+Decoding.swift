import BlendCore
import BlendData
import Foundation

extension ExperimentSpec {
    /// Decodes and validates a whole experiment document before any work: unknown keys, wrong
    /// types, unknown component ids and bad parameters are errors with file, line and key path.
    public static func decode(_ document: YAMLDocument, defaultName: String) throws -> ExperimentSpec {
        var top = try SpecReader(document: document, path: "", value: document.root)
        try top.allow(["name", "description", "seed", "baseline", "dataset", "rankers", "aggregation", "top_k", "fusers",
                       "metrics", "report", "run", "backends", "generate", "judge", "notes", "reading", "topk_views", "fuse_rankers",
                       "train_dataset"])
        let name = try top.string("name") ?? defaultName
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw top.error("name", "use letters, digits, '-', '_' and '.' only (it names results/<name>/)")
        }
        let description = try top.string("description") ?? ""
        let notes = try top.string("notes"), reading = try top.string("reading")
        let seed = try top.int("seed") ?? 0
        guard seed >= 0 else { throw top.error("seed", "must be zero or positive") }
        let baseline = try top.string("baseline")
        var datasetReader = try top.reader("dataset")
        var dataset = try DatasetSpec.decode(&datasetReader)
        dataset.folds?.seed = UInt64(seed)

        var rankers = try components(&top, "rankers", kind: "ranker", catalog: Catalog.rankers)
        guard !rankers.isEmpty else { throw top.error("rankers", "list at least one ranker; known rankers: \(Catalog.rankers.map(\.id).joined(separator: ", "))") }
        let aggregation = try components(&top, "aggregation", kind: "aggregation rule", catalog: Catalog.aggregationRules)
        var fusers = try components(&top, "fusers", kind: "fuser", catalog: Catalog.fusers)
        var generate = try components(&top, "generate", kind: "generator", catalog: Catalog.generators)
        var judge = try decodeJudge(&top)
        let training = try TrainingSpec.decode(&top, rankers: rankers, dataset: dataset)
        let uses = rankers.map(\.uses) + fusers.map(\.uses) + generate.map(\.uses) + judge.map(\.uses)
        let backends = try decodeBackends(&top, uses: uses)
        rankers = try applyBackendModels(rankers, backends, top.document)
        fusers = try applyBackendModels(fusers, backends, top.document)
        generate = try applyBackendModels(generate, backends, top.document)
        judge = try applyBackendModels(judge, backends, top.document)
        let topKViews = try decodeTopKViews(&top, rankers: rankers, aggregation: aggregation)
        let fuseRankers = try decodeFuseRankers(&top, rankers: rankers, aggregation: aggregation)
        var metrics = try components(&top, "metrics", kind: "metric", catalog: Catalog.metrics)
        if metrics.isEmpty {
            metrics = try defaultMetrics.enumerated().map {
                try ComponentSpec(id: $1, params: [:], keyPath: "metrics[\($0)]", catalog: Catalog.metrics, kind: "metric")
            }
        }
        let topK = try (top.list("top_k") ?? [.int(1)]).enumerated().map { i, v -> Int in
            guard case .int(let k) = v, k >= 1 else { throw document.error("top_k[\(i)]", "must be a positive integer") }
            return k
        }
        var reportReader = try top.reader("report")
        let tables = try reportReader.stringList("tables")
        for (i, t) in (tables ?? []).enumerated() where !knownTables.contains(t) {
            throw document.error("report.tables[\(i)]", "unknown table '\(t)'; known tables: \(knownTables.joined(separator: ", "))")
        }
        try reportReader.finish()
        var runReader = try top.reader("run")
        let concurrency = try runReader.int("concurrency") ?? 2
        guard (1...64).contains(concurrency) else { throw runReader.error("concurrency", "must be between 1 and 64") }
        try runReader.finish()
        try top.finish()

        var resolvedFields: [String: JSONValue] = [
            "name": .string(name), "description": .string(description), "seed": .int(seed),
            "baseline": baseline.map(JSONValue.string) ?? .null,
            "dataset": dataset.json,
            "rankers": .array(rankers.map(\.json)), "aggregation": .array(aggregation.map(\.json)),
            "top_k": .array(topK.map(JSONValue.int)), "fusers": .array(fusers.map(\.json)),
            "metrics": .array(metrics.map(\.json)),
            "run": .object(["concurrency": .int(concurrency)]),
        ]
        // `report:` only chooses what the pages show (like `notes:`): left out of the spec hash.
        // Only present when used, so the spec hashes of experiments without backends stay as they were.
        if !backends.isEmpty { resolvedFields["backends"] = .object(backends.mapValues(\.json)) }
        if !generate.isEmpty { resolvedFields["generate"] = .array(generate.map(\.json)) }
        if let judge = judge.first { resolvedFields["judge"] = judge.json }
        if let training { resolvedFields["train_dataset"] = training.json }
        if !fuseRankers.isEmpty { resolvedFields["fuse_rankers"] = .array(fuseRankers.map(JSONValue.string)) }
        if !topKViews.isEmpty { resolvedFields["topk_views"] = .array(topKViews.map { $0.json }) }
        let resolved = JSONValue.object(resolvedFields)
        var spec = ExperimentSpec(name: name, description: description, seed: UInt64(seed), baseline: baseline, dataset: dataset,
                              rankers: rankers, aggregation: aggregation, topK: topK, fusers: fusers, metrics: metrics,
                              tables: tables, concurrency: concurrency, resolved: resolved)
        spec.backends = backends
        spec.generate = generate
        spec.judge = judge.first
        spec.training = training
        spec.notes = notes
        spec.reading = reading
        spec.topKViews = topKViews
        spec.fuseRankers = fuseRankers
        return spec
    }

    /// A list of components: each item an id (`random`) or a mapping with `id` and parameters
    /// (`{id: random, seed: 3}`), each built once; a bad id or parameter is an error at its line.
    static func components<Made>(_ reader: inout SpecReader, _ key: String, kind: String,
                                 catalog: [Catalog.Entry<Made>]) throws -> [ComponentSpec<Made>] {
        let document = reader.document
        return try (reader.list(key) ?? []).enumerated().map { i, item in
            let path = "\(key)[\(i)]"
            let id: String, params: [String: JSONValue]
            switch item {
            case .string(let s): (id, params) = (s, [:])
            case .object(var o):
                guard case .string(let s)? = o.removeValue(forKey: "id") else {
                    throw document.error(path, "a \(kind) is an id, or a mapping with 'id:' and its parameters")
                }
                (id, params) = (s, o)
            default: throw document.error(path, "a \(kind) is an id, or a mapping with 'id:' and its parameters; found \(item.typeName)")
            }
            let known = catalog.map(\.id)
            guard known.contains(id) else {
                throw document.error(path + ".id", "unknown \(kind) '\(id)'; known \(kind)s: "
                                     + (known.isEmpty ? "none in this version" : known.joined(separator: ", ")))
            }
            return try build(document, path) { try ComponentSpec(id: id, params: params, keyPath: path, catalog: catalog, kind: kind) }
        }
    }

    /// `make()`, with a parameter error reported at `path` in the experiment file.
    static func build<T>(_ document: YAMLDocument, _ path: String, _ make: () throws -> T) throws -> T {
        do {
            return try make()
        } catch let error as ParameterError {
            throw document.error(path + "." + error.key, error.message)
        }
    }
}

extension DatasetSpec {
    /// Decodes a `dataset:` block; for `train_dataset:` (`training` true) the part is named by
    /// `part:` (default `train` when the split has one) instead of `evaluate:`, and `limit` is
    /// not allowed.
    static func decode(_ r: inout SpecReader, training: Bool = false) throws -> DatasetSpec {
        let block = training ? "train_dataset" : "dataset"
        guard !r.object.isEmpty else { throw r.document.error(block, "is required (source, path, ...)") }
        try r.allow(["source", "path", "candidates", "reference", "annotator", "score_oracle", "on_missing", "on_invalid",
                     "on_empty", "turn", "split"] + (training ? ["part", "validation"] : ["evaluate", "limit"]))
        let sourceName = try r.choice("source", Source.allCases.map(\.rawValue), default: Source.alpacaEval.rawValue)
        let source = Source(rawValue: sourceName)!
        let path = try r.string("path") ?? (source == .alpacaEval ? "data/alpaca_eval" : "")
        guard !path.isEmpty else { throw r.error("path", "is required for source \(sourceName)") }
        var candidates: [ModelName]?
        if case .string("all")? = r.object["candidates"] {
            _ = r.raw("candidates")
        } else if let names = try r.stringList("candidates") {
            guard !names.isEmpty else { throw r.error("candidates", "list at least one model, or write 'all'") }
            guard Set(names).count == names.count else { throw r.error("candidates", "lists a model twice") }
            candidates = names.map { ModelName($0) }
        }
        let reference = try r.string("reference") ?? (source == .alpacaEval ? "gpt4_1106_preview" : nil)
        // fastchat: the judge model whose judgments count ("" = every judge's).
        let annotator = try r.string("annotator") ?? (source == .fastChat ? "" : "weighted_alpaca_eval_gpt4_turbo")
        let scoreOracle = try r.string("score_oracle")
        let onMissing = MissingPolicy(rawValue: try r.choice("on_missing", MissingPolicy.allCases.map(\.rawValue), default: "drop"))!
        let onInvalid = InvalidPolicy(rawValue: try r.choice("on_invalid", InvalidPolicy.allCases.map(\.rawValue), default: InvalidPolicy.skipCandidate.rawValue))!
        let onEmpty = EmptyPolicy(rawValue: try r.choice("on_empty", EmptyPolicy.allCases.map(\.rawValue), default: "keep"))!
        let turn = try r.int("turn") ?? 1
        guard turn >= 1 else { throw r.error("turn", "must be 1 or more (the evaluated turn of multi-turn questions)") }
        if turn != 1, source != .fastChat { throw r.error("turn", "applies to source fastchat only") }
        var split: [(String, Double)] = []
        var folds: Folds? = nil
        var mapping = try r.orderedMapping("split") ?? []
        if let (_, value) = mapping.first(where: { $0.0 == "folds" }) {
            guard !training else { throw r.error("split.folds", "folds belong to dataset:, whose split the training data follows") }
            guard mapping.count == 1 else { throw r.error("split", "`folds:` is a split of its own: write `split: {folds: 5}` alone") }
            guard case .int(let k) = value, k >= 2, k <= 100 else { throw r.error("split.folds", "must be a whole number of folds, 2 to 100") }
            folds = Folds(count: k, seed: 0)
            mapping = []
        }
        for (name, value) in mapping {
            let fraction: Double
            switch value {
            case .int(let i): fraction = Double(i)
            case .double(let d): fraction = d
            default: throw r.error("split.\(name)", "must be a fraction between 0 and 1")
            }
            guard fraction > 0, fraction <= 1 else { throw r.error("split.\(name)", "must be a fraction between 0 and 1") }
            split.append((name, fraction))
        }
        if !split.isEmpty, abs(split.reduce(0) { $0 + $1.1 } - 1) > 1e-9 {
            throw r.error("split", "fractions must add up to 1")
        }
        let partKey = training ? "part" : "evaluate"
        let preferred = training ? "train" : "test"
        let defaultPart = split.contains { $0.0 == preferred } ? preferred : (split.isEmpty ? "all" : training ? split.first!.0 : split.last!.0)
        let evaluate = try r.string(partKey) ?? defaultPart
        if folds != nil, evaluate != "all" {
            throw r.error(partKey, "with `split: {folds: K}` every example is evaluated (by the models that did not see its fold): use `evaluate: all` or leave it out")
        }
        guard evaluate == "all" || split.contains(where: { $0.0 == evaluate }) else {
            throw r.error(partKey, "'\(evaluate)' is not a split part; parts: \((split.map(\.0) + ["all"]).joined(separator: ", "))")
        }
        let limit = training ? nil : try r.int("limit")
        if let limit, limit < 1 { throw r.error("limit", "must be at least 1") }
        if !training { try r.finish() }
        var spec = DatasetSpec(source: source, path: path, candidates: candidates, reference: reference, annotator: annotator,
                               scoreOracle: scoreOracle, onMissing: onMissing, onInvalid: onInvalid, split: split,
                               evaluate: evaluate, limit: limit, onEmpty: onEmpty, turn: turn)
        spec.folds = folds
        return spec
    }

    var json: JSONValue {
        var fields = fieldsJSON
        // Only present when not the default, so the spec hashes of earlier experiments stay as they were.
        if onEmpty != .keep { fields["on_empty"] = .string(onEmpty.rawValue) }
        if source == .fastChat { fields["turn"] = .int(turn) }
        if let folds { fields["folds"] = .int(folds.count) }
        return .object(fields)
    }

    private var fieldsJSON: [String: JSONValue] {
        ([
            "source": .string(source.rawValue), "path": .string(path),
            "candidates": candidates.map { .array($0.map { .string($0.rawValue) }) } ?? .string("all"),
            "reference": reference.map(JSONValue.string) ?? .null, "annotator": .string(annotator),
            "score_oracle": scoreOracle.map(JSONValue.string) ?? .null,
            "on_missing": .string(onMissing.rawValue), "on_invalid": .string(onInvalid.rawValue),
            "split": .array(split.map { .object(["name": .string($0.name), "fraction": .double($0.fraction)]) }),
            "evaluate": .string(evaluate), "limit": limit.map(JSONValue.int) ?? .null,
        ] as [String: JSONValue])
    }
}

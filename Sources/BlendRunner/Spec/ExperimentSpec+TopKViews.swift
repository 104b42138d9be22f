import BlendCore

extension ExperimentSpec {
    /// `topk_views:` — one mapping or a list of mappings
    /// `{first: ROW, second: ROW, k: [1, 2, 3]}`. ROW is a ranker row's label as the main table
    /// prints it (`oracle-pair(...) + bubble`) or a ranker id that has exactly one row
    /// (`llm-judge`). `second` is optional (recall only); `k` defaults to 1...N.
    static func decodeTopKViews(_ top: inout SpecReader, rankers: [RankerSpec], aggregation: [RuleSpec]) throws -> [TopKViewSpec] {
        let document = top.document
        let items: [(String, JSONValue)]
        switch top.raw("topk_views") {
        case nil: return []
        case .object(let o)?: items = [("topk_views", .object(o))]
        case .array(let a)?: items = a.enumerated().map { ("topk_views[\($0)]", $1) }
        case let other?:
            throw document.error("topk_views", "must be a mapping {first: ..., second: ..., k: [...]} or a list of them, found \(other.typeName)")
        }
        let rows = rowNames(rankers: rankers, aggregation: aggregation)
        return try items.map { path, value in
            var r = try SpecReader(document: document, path: path, value: value)
            try r.allow(["first", "second", "k"])
            let first = try r.requiredString("first")
            let second = try r.string("second")
            for (key, name) in [("first", first), ("second", second)] {
                guard let name else { continue }
                if let problem = resolve(name, rows: rows).problem { throw r.error(key, problem) }
            }
            var k: [Int]?
            if let list = try r.list("k") {
                guard !list.isEmpty else { throw r.error("k", "list at least one K, or leave k out for 1...N") }
                k = try list.enumerated().map { i, v in
                    guard case .int(let n) = v, n >= 1 else { throw document.error("\(path).k[\(i)]", "must be a positive integer") }
                    return n
                }
                if let k, Set(k).count != k.count { throw r.error("k", "lists a K twice") }
            }
            try r.finish()
            return TopKViewSpec(first: first, second: second, k: k, keyPath: path)
        }
    }

    /// `fuse_rankers: [ROW, ...]`: the ranker rows the fusers fuse (default every row, which
    /// with K values and several rankers multiplies the fusion calls). ROW as in `topk_views`.
    static func decodeFuseRankers(_ top: inout SpecReader, rankers: [RankerSpec], aggregation: [RuleSpec]) throws -> [String] {
        guard let names = try top.stringList("fuse_rankers") else { return [] }
        guard !names.isEmpty else { throw top.error("fuse_rankers", "list at least one ranker row, or leave fuse_rankers out for every row") }
        let rows = rowNames(rankers: rankers, aggregation: aggregation)
        for (i, name) in names.enumerated() {
            if let problem = resolve(name, rows: rows).problem { throw top.document.error("fuse_rankers[\(i)]", problem) }
        }
        return names
    }

    /// Every ranker row's (label, ranker id), as the runner names the rows.
    static func rowNames(rankers: [RankerSpec], aggregation: [RuleSpec]) -> [(label: String, id: String)] {
        rankers.flatMap { spec -> [(label: String, id: String)] in
            let ranker = spec.made
            return Runner.rules(for: ranker, aggregation).map { rule in
                (ranker.displayName + (rule.map { " + " + $0.displayName } ?? ""), ranker.id)
            }
        }
    }

    /// The index of the row `name` means (a label, else an id with one row), or why none.
    static func resolve(_ name: String, rows: [(label: String, id: String)]) -> (index: Int?, problem: String?) {
        let labels = rows.indices.filter { rows[$0].label == name }
        if labels.count == 1 { return (labels[0], nil) }
        if labels.count > 1 { return (nil, "'\(name)' names \(labels.count) rows with the same label; give each ranker distinct parameters") }
        let ids = rows.indices.filter { rows[$0].id == name }
        if ids.count == 1 { return (ids[0], nil) }
        let known = rows.map(\.label).joined(separator: "; ")
        if ids.count > 1 { return (nil, "ranker '\(name)' has \(ids.count) rows; name one by its label: \(known)") }
        return (nil, "'\(name)' is not a ranker row; rows: \(known)")
    }
}

import BlendCore
import BlendReport

/// One `blendlab` cell, decoded and checked (keys, types, section ids) before anything runs.
/// Its YAML document keeps the notebook's line numbers, so every error names the line to fix.
struct NotebookCell: Sendable {
    /// An experiment result a cell reads: a file under Experiments/ with `set:` overrides, or an
    /// inline `experiment:`.
    struct Request: Sendable {
        var experiment: String?
        var overrides: [(String, JSONValue)] = []
        var inline: YAMLDocument?
        /// Where the request is written, for errors (`run`, `compare.experiments[1]`).
        var keyPath: String
    }

    /// One item of `show:` and where it is written (`show[1]`).
    enum Show: Sendable {
        case section(String, keyPath: String)
        case plot(String, keyPath: String)
        case rows([String], metrics: [String]?, keyPath: String)
    }

    enum Kind: Sendable {
        case run(Request, show: [Show])
        case compare([Request], rows: [String], metrics: [String]?)
        case plot([Request], axis: MetricPlot.Axis, metric: String, rows: [String])
        case examples(Request, first: String, second: String, limit: Int)
    }

    var index: Int
    var line: Int
    var source: String
    var document: YAMLDocument
    var kind: Kind

    static let kinds = ["run", "experiment", "compare", "plot", "examples"]
    /// Sections with plots, for `show: {plot: ID}`.
    static let plotted = ["top-k", "efficiency", "oracle-best", "topk-view"]

    /// A one-line summary for the page (`run: main-table`).
    static func summary(_ source: String) -> String {
        source.split(separator: "\n").first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { String($0.trimmingCharacters(in: .whitespaces).prefix(80)) } ?? "(empty cell)"
    }

    static func decode(_ source: String, line: Int, index: Int, file: String, notebook: String) throws -> NotebookCell {
        var document: YAMLDocument
        do {
            document = try YAMLDocument.parse(source, file: file)
        } catch var error as SpecError {
            error.line = (error.line ?? 1) + line
            if error.message.hasPrefix("an experiment file must be") {
                error.message = "a cell must be a YAML mapping with one of: \(kinds.joined(separator: ", "))"
            }
            throw error
        }
        document.lines = document.lines.mapValues { $0 + line }
        var top = try SpecReader(document: document, path: "", value: document.root)
        try top.allow(kinds + ["set", "show"])
        let present = kinds.filter { document.root[$0] != nil }
        guard present.count == 1 else {
            throw SpecError(file: file, line: line + 1, keyPath: "",
                            message: present.isEmpty ? "a cell needs one of: \(kinds.joined(separator: ", "))"
                                : "a cell has one of \(kinds.joined(separator: ", ")), this one has \(present.joined(separator: " and "))")
        }
        func makeRequest(_ reader: inout SpecReader, key: String, allowSet: Bool) throws -> Request {
            let name = try reader.string(key)
            var request = Request(experiment: name, keyPath: reader.child(key))
            if allowSet, let set = try reader.orderedMapping("set") { request.overrides = set }
            return request
        }
        let kind: Kind
        switch present[0] {
        case "run", "experiment":
            var request: Request
            if present[0] == "run" {
                request = try makeRequest(&top, key: "run", allowSet: true)
            } else {
                guard case .object = document.root["experiment"] else { throw top.error("experiment", "must be a mapping: an experiment file's keys") }
                request = Request(experiment: nil, inline: inlineDocument(document, key: "experiment"), keyPath: "experiment")
                _ = top.raw("experiment")
                if document.root["set"] != nil { throw top.error("set", "only with run:; write the value into the inline experiment") }
            }
            kind = .run(request, show: try decodeShow(&top))
        case "compare":
            var reader = try top.reader("compare")
            let experiments = try reader.stringList("experiments") ?? []
            guard !experiments.isEmpty else { throw reader.error("experiments", "list the experiments to compare") }
            let rows = try reader.stringList("rows") ?? []
            guard !rows.isEmpty else { throw reader.error("rows", "list the rows (method labels or model names) to compare") }
            let metrics = try reader.stringList("metrics")
            try reader.finish()
            kind = .compare(experiments.enumerated().map { Request(experiment: $1, keyPath: "compare.experiments[\($0)]") },
                            rows: rows, metrics: metrics)
        case "plot":
            var reader = try top.reader("plot")
            let axisName = try reader.choice("x", MetricPlot.Axis.allCases.map(\.rawValue), default: "k")
            let axis = MetricPlot.Axis(rawValue: axisName) ?? .k
            var requests: [Request] = []
            if let run = try reader.string("run") { requests = [Request(experiment: run, keyPath: "plot.run")] }
            if let more = try reader.stringList("experiments") {
                requests += more.enumerated().map { Request(experiment: $1, keyPath: "plot.experiments[\($0)]") }
            }
            guard !requests.isEmpty else { throw reader.error("run", "name the experiment (run: NAME) or experiments: [A, B]") }
            let metric = try reader.requiredString("metric")
            let rows = try reader.stringList("rows") ?? []
            if axis == .experiment && rows.isEmpty { throw reader.error("rows", "x: experiment draws one bar per experiment and row; list the rows") }
            try reader.finish()
            kind = .plot(requests, axis: axis, metric: metric, rows: rows)
        default:
            var reader = try top.reader("examples")
            let request = try makeRequest(&reader, key: "run", allowSet: false)
            guard request.experiment != nil else { throw reader.error("run", "is required: the experiment whose examples to show") }
            let methods = try reader.stringList("methods") ?? []
            guard methods.count == 2 else { throw reader.error("methods", "name two methods (rows) to compare, found \(methods.count)") }
            let limit = try reader.int("limit") ?? 3
            guard (1...50).contains(limit) else { throw reader.error("limit", "must be between 1 and 50") }
            try reader.finish()
            kind = .examples(request, first: methods[0], second: methods[1], limit: limit)
        }
        if case .run = kind {} else {
            if document.root["set"] != nil { throw top.error("set", "only with run:") }
            if document.root["show"] != nil { throw top.error("show", "only with run: or experiment:") }
        }
        _ = top.raw("set"); _ = top.raw("show")
        try top.finish()
        return NotebookCell(index: index, line: line, source: source, document: document, kind: kind)
    }

    /// `show:` a section id, `{plot: ID}`, `{rows: [...], metrics: [...]}`, or a list of them;
    /// default `main`.
    static func decodeShow(_ top: inout SpecReader) throws -> [Show] {
        guard let value = top.raw("show") else { return [.section("main", keyPath: "run")] }
        let items: [(JSONValue, String)]
        if case .array(let a) = value { items = a.enumerated().map { ($1, "show[\($0)]") } } else { items = [(value, "show")] }
        return try items.map { item, path in
            let document = top.document
            switch item {
            case .string(let id):
                guard ReportSections.section(id) != nil else {
                    throw document.error(path, "unknown section '\(id)'; known sections: \(ReportSections.ids.joined(separator: ", "))")
                }
                return .section(id, keyPath: path)
            case .object:
                var reader = try SpecReader(document: document, path: path, value: item)
                if let plot = try reader.string("plot") {
                    try reader.finish()
                    guard plotted.contains(plot) else {
                        throw reader.error("plot", "unknown plot '\(plot)'; sections with plots: \(plotted.joined(separator: ", "))")
                    }
                    return .plot(plot, keyPath: path)
                }
                guard let rows = try reader.stringList("rows"), !rows.isEmpty else {
                    throw document.error(path, "a section id, {plot: ID} or {rows: [...], metrics: [...]}")
                }
                let metrics = try reader.stringList("metrics")
                try reader.finish()
                return .rows(rows, metrics: metrics, keyPath: path)
            default:
                throw document.error(path, "a section id, {plot: ID} or {rows: [...], metrics: [...]}, found \(item.typeName)")
            }
        }
    }

    /// The `key:` subtree as an experiment document of its own, keeping the notebook's lines.
    static func inlineDocument(_ document: YAMLDocument, key: String) -> YAMLDocument {
        let prefix = key + "."
        var lines: [String: Int] = [:]
        for (path, line) in document.lines where path.hasPrefix(prefix) { lines[String(path.dropFirst(prefix.count))] = line }
        var inline = YAMLDocument(file: document.file, root: document.root[key] ?? .null, lines: lines)
        for (path, keys) in document.keyOrder where path == key || path.hasPrefix(prefix) {
            inline.keyOrder[path == key ? "" : String(path.dropFirst(prefix.count))] = keys
        }
        return inline
    }
}

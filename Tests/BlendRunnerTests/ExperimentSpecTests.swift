import BlendCore
import BlendReport
@testable import BlendRunner
import Testing

func decode(_ yaml: String, overrides: [String] = []) throws -> ExperimentSpec {
    var document = try YAMLDocument.parse(yaml, file: "Experiments/t.yaml")
    try Overrides.apply(overrides, to: &document)
    return try ExperimentSpec.decode(document, defaultName: "t")
}

let minimal = """
    name: t
    dataset:
      source: jsonl
      path: d.jsonl
    rankers: [random]
    """

@Test("a minimal file gets defaults: seed 0, the paper's columns, no split")
func defaults() throws {
    let spec = try decode(minimal)
    #expect(spec.seed == 0)
    #expect(spec.metrics.map(\.id) == ["oracle-rank", "top-k", "judge-score"])
    #expect(spec.dataset.evaluate == "all")
    #expect(spec.topK == [1])
}

@Test("an unknown key names file, line, key path and the known keys")
func unknownKey() {
    #expect(throws: SpecError(file: "Experiments/t.yaml", line: 4, keyPath: "dataset.pth",
                              message: "unknown key; known keys here: source, path, candidates, reference, annotator, score_oracle, on_missing, on_invalid, on_empty, turn, split, evaluate, limit")) {
        try decode("""
            name: t
            dataset:
              source: jsonl
              pth: d.jsonl
            rankers: [random]
            """)
    }
}

@Test("a wrong type names the line and says what is expected")
func wrongType() {
    #expect(throws: SpecError(file: "Experiments/t.yaml", line: 5, keyPath: "dataset.limit", message: "must be an integer, found a string")) {
        try decode(minimal.replacingOccurrences(of: "  path: d.jsonl", with: "  path: d.jsonl\n  limit: ten"))
    }
}

@Test("an unknown ranker id lists the known rankers")
func unknownRanker() {
    #expect(throws: SpecError(file: "Experiments/t.yaml", line: 7, keyPath: "rankers[1].id",
                              message: "unknown ranker 'pair-rankr'; known rankers: " + Catalog.rankers.map(\.id).joined(separator: ", "))) {
        try decode(minimal.replacingOccurrences(of: "rankers: [random]", with: "rankers:\n  - random\n  - pair-rankr"))
    }
}

@Test("a bad component parameter points at the parameter")
func badParameter() {
    #expect(throws: SpecError(file: "Experiments/t.yaml", line: 6, keyPath: "rankers[0].sed",
                              message: "unknown parameter 'sed'; known parameters: seed")) {
        try decode(minimal.replacingOccurrences(of: "rankers: [random]", with: "rankers:\n  - {id: random, sed: 2}"))
    }
}

@Test("YAML syntax errors and duplicate keys carry the line")
func syntaxErrors() throws {
    #expect(throws: SpecError.self) { try decode("name: t\ndataset: [unclosed\n") }
    #expect(throws: SpecError(file: "Experiments/t.yaml", line: 1, keyPath: "", message: "YAML syntax error: duplicate key 'name'")) {
        try decode("name: t\nname: u\n")
    }
}

@Test("--set overrides nested keys and lists, and errors in them say --set")
func overrides() throws {
    let spec = try decode(minimal, overrides: ["dataset.limit=50", "top_k=[1,2,3]", "dataset.path=/some/dir", "seed=7"])
    #expect(spec.dataset.limit == 50)
    #expect(spec.topK == [1, 2, 3])
    #expect(spec.dataset.path == "/some/dir")
    #expect(spec.seed == 7)
    #expect(throws: SpecError(file: "--set", line: nil, keyPath: "dataset.limt",
                              message: "unknown key; known keys here: source, path, candidates, reference, annotator, score_oracle, on_missing, on_invalid, on_empty, turn, split, evaluate, limit")) {
        try decode(minimal, overrides: ["dataset.limt=5"])
    }
    #expect(throws: SpecError.self) { try decode(minimal, overrides: ["noequals"]) }
}

@Test("split fractions must add up to 1 and the evaluated part must exist")
func splitValidation() throws {
    #expect(throws: SpecError.self) { try decode(minimal, overrides: ["dataset.split={train: 0.5, test: 0.4}"]) }
    #expect(throws: SpecError.self) { try decode(minimal, overrides: ["dataset.split={train: 0.5, test: 0.5}", "dataset.evaluate=dev"]) }
    let spec = try decode(minimal, overrides: ["dataset.split={train: 0.8, test: 0.2}"])
    #expect(spec.dataset.split.map(\.name) == ["train", "test"])
    #expect(spec.dataset.evaluate == "test")
}

@Test("the spec hash changes with any resolved value and not with formatting")
func specHash() throws {
    let a = try decode(minimal)
    let b = try decode(minimal.replacingOccurrences(of: "rankers: [random]", with: "rankers:\n  - random   # comment"))
    let c = try decode(minimal, overrides: ["seed=1"])
    #expect(a.resolved.hash == b.resolved.hash)
    #expect(a.resolved.hash != c.resolved.hash)
}

@Test("report.tables: known section ids only (the error lists them); kept out of the spec hash like notes")
func reportTablesSelectSections() throws {
    let base = "name: t\ndataset: {source: jsonl, path: d.jsonl}\nrankers: [random]\n"
    let plain = try ExperimentSpec.decode(try YAMLDocument.parse(base, file: "t.yaml"), defaultName: "t")
    let chosen = try ExperimentSpec.decode(try YAMLDocument.parse(base + "report: {tables: [correlation, main]}\n", file: "t.yaml"), defaultName: "t")
    #expect(plain.tables == nil && chosen.tables == ["correlation", "main"])
    #expect(plain.resolved.hash == chosen.resolved.hash)
    #expect(throws: SpecError(file: "t.yaml", line: 5, keyPath: "report.tables[0]",
                              message: "unknown table 'mian'; known tables: \(ReportSections.ids.joined(separator: ", "))")) {
        try ExperimentSpec.decode(try YAMLDocument.parse(base + "report:\n  tables: [mian]\n", file: "t.yaml"), defaultName: "t")
    }
}

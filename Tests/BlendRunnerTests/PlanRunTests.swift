import BlendCore
import BlendModels
import BlendStore
@testable import BlendRunner
import Foundation
import Testing

/// The plan's lines for the stages with cache keys (train, rank, compare, generate).
private func keyed(_ lines: [Plan.Line]) -> [Plan.Line] { lines.filter { $0.stage != "evaluate" } }

/// Runs `spec` twice (cold, then warm); before each run, the plan must predict per stage and
/// component exactly the hits and misses the run then reports.
private func expectPlanMatchesRun(_ spec: ExperimentSpec, options: RunOptions, _ name: String) async throws {
    for pass in ["cold", "warm"] {
        let plan = keyed(try Runner(spec: spec, options: options).plan().lines)
        let ran = try await Runner(spec: spec, options: options).runReporting().ledger.lines
        #expect(plan.filter(\.exact) == ran.filter { line in plan.contains { $0.stage == line.stage && $0.component == line.component && $0.exact } },
                "\(name), \(pass): plan \(plan) but the run reported \(ran)")
        #expect(plan.map { "\($0.stage) \($0.component)" } == ran.map { "\($0.stage) \($0.component)" }, "\(name), \(pass)")
        if pass == "warm" { #expect(ran.allSatisfy { $0.cached == $0.total }, "\(name): a warm run computes nothing: \(ran)") }
    }
}

@Test("integration (SQLite on disk): plan predicts the rank and compare stages' hits and misses, cold and warm")
func planMatchesRunSmall() async throws {
    let dir = try scratchDirectory()
    let file = try experimentFile(in: dir, data: try smallDataSet(in: dir), extra: """
        aggregation: [max-logits, bubble]
        """)
    let spec = try ExperimentFile.load(file, overrides: ["rankers=[oracle, {id: random, seed: 1}, {id: mbr, metric: bleu}, {id: oracle-pair, noise: 0.1}]"])
    let options = RunOptions(cachePath: dir + "/cache.sqlite", resultsDirectory: dir + "/results", quiet: true)
    try await expectPlanMatchesRun(spec, options: options, "small")
    let plan = try Runner(spec: spec, options: options).plan()
    #expect(plan.lines.contains { $0.stage == "compare" && $0.total == 12 * 6 && $0.cached == 12 * 6 })
}

/// Components that call an LLM server: left out of the real-data plan test.
private func needsServer(_ spec: RankerSpec) -> Bool { !spec.made.backendNames.isEmpty }

/// Components whose weights are absent here (PairRM's, which `make models` does not fetch): left
/// out of the real-data plan test, as `run` would stop on them.
private func weightsAbsent(_ spec: RankerSpec) -> Bool {
    let component: Any = switch spec.made { case .pointwise(let r): r; case .pairwise(let r): r }
    guard let user = component as? any EncoderUser, user.weightsSource != nil else { return false }
    return user.encoderModels.contains { !FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent("config.json")) }
}

@Test("integration (real data, real MiniLM): for every file in Experiments/, plan predicts what the run then reports, cold and warm",
      .enabled(if: FileManager.default.fileExists(atPath: packageRoot + "/data/alpaca_eval")
          && FileManager.default.fileExists(atPath: packageRoot + "/models/all-MiniLM-L6-v2/model.safetensors")))
func planMatchesRunOnEveryExperiment() async throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/Experiments").filter { $0.hasSuffix(".yaml") }.sorted()
    #expect(files.count >= 8)
    let previous = FileManager.default.currentDirectoryPath
    FileManager.default.changeCurrentDirectoryPath(packageRoot)   // model paths are relative to the checkout
    defer { FileManager.default.changeCurrentDirectoryPath(previous) }
    for file in files {
        var spec = try ExperimentFile.load(packageRoot + "/Experiments/" + file, overrides: ["dataset.limit=2"])
        guard spec.generate.isEmpty else { continue }   // generated candidates need the LLM server throughout
        spec.fusers = []
        spec.fuseRankers = []
        spec.judge = nil
        spec.topKViews = []
        spec.rankers = spec.rankers.filter { !needsServer($0) && !weightsAbsent($0) }.map { r in
            var r = r
            let trained = r.made.trainable != nil
            guard trained else { return r }
            // Small settings for every trained ranker that takes them (the stack takes none: it trains in milliseconds).
            for small in [["max_epochs": JSONValue.int(1), "hidden": .int(8), "source_tokens": .int(8), "candidate_tokens": .int(8)],
                          ["max_epochs": .int(1)]] {
                let params = r.params.merging(small) { _, new in new }
                if let small = try? r.with(params: params) { r = small; break }
            }
            return r
        }
        if var training = spec.training {
            training.dataset.limit = 4
            training.explicit = true
            spec.training = training
        }
        let dir = try scratchDirectory()
        let options = RunOptions(cachePath: dir + "/cache.sqlite", resultsDirectory: dir + "/results", quiet: true,
                                 encoders: NativeEncoderProvider(threads: 2))
        try await expectPlanMatchesRun(spec, options: options, file)
    }
}

/// A model directory whose files are only hashed (the fake encoder below reads none of them).
private func fakeModel(in dir: String, weights: String) throws -> String {
    let model = dir + "/fake-model"
    try write("{\"hidden_size\": 4}", to: model + "/config.json")
    try write(weights, to: model + "/model.safetensors")
    return model
}

/// Sentence embeddings from the text's bytes: deterministic, no weights.
private struct FakeProvider: TextEncoderProvider {
    func encoder(model: String) async throws -> any TextEncoding { FakeEncoding() }
}

private struct FakeEncoding: TextEncoding {
    var identity: JSONValue { .string("fake") }
    func tokenEmbeddings(_ texts: [String], layer: Int) async throws -> [TokenEmbeddings] { [] }
    func tokenIDs(_ texts: [String]) async throws -> [[Int]] { texts.map { _ in [] } }
    func sentenceEmbeddings(_ texts: [String]) async throws -> [[Float]] {
        texts.map { t in
            let v = (0..<4).map { k in Float(t.utf8.enumerated().reduce(0) { $0 + Int($1.element) * ($1.offset % 4 == k ? 1 : 0) } % 97) + 1 }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return v.map { $0 / norm }
        }
    }
}

@Test("integration (SQLite on disk): replacing an encoder's weight file (same path, other bytes) misses every entry that read it and nothing else")
func replacedWeightsMissOnlyTheirEntries() async throws {
    let dir = try scratchDirectory()
    let model = try fakeModel(in: dir, weights: "weights one")
    let file = try experimentFile(in: dir, data: try smallDataSet(in: dir))
    let spec = try ExperimentFile.load(file, overrides: ["rankers=[oracle, {id: random, seed: 1}, {id: mbr-embedding, model: \(model)}, {id: simcls, model: \(model)}]"])
    let options = RunOptions(cachePath: dir + "/cache.sqlite", resultsDirectory: dir + "/results", quiet: true, encoders: FakeProvider())
    _ = try await Runner(spec: spec, options: options).run()
    let warm = try await Runner(spec: spec, options: options).runReporting().ledger.lines
    #expect(warm.allSatisfy { $0.cached == $0.total })
    try write("weights two", to: model + "/model.safetensors")   // same path and size, other bytes
    let plan = keyed(try Runner(spec: spec, options: options).plan().lines)
    let after = try await Runner(spec: spec, options: options).runReporting().ledger.lines
    #expect(plan == after)
    let missed = after.filter { $0.cached == 0 }.map(\.component)
    let hit = after.filter { $0.cached == $0.total }.map(\.component)
    #expect(missed.sorted() == ["mbr-embedding(model=\(model))", "simcls(model=\(model))"].sorted())
    #expect(hit.sorted() == ["oracle", "random(seed=1)"])
}

/// A metric like `bleu` at another version: the oracle over it must not reuse bleu's scores.
private struct BLEUv2: OutputMetric {
    static let id = "bleu"
    static let version = BLEUMetric.version + 1
    static var reads: ExampleInputs { BLEUMetric.reads }
    var parameters: JSONValue { .object([:]) }
    var label: String { "BLEU" }
    var higherIsBetter: Bool { true }
    func value(of output: EvaluatedOutput, in example: Example, context: ComponentContext) async throws -> Double? {
        try await BLEUMetric().value(of: output, in: example, context: context)
    }
}

@Test("a nested metric's version is part of metric-oracle's identity, so a new version misses its scores")
func nestedMetricVersionMissesRankerScores() throws {
    let example = Example(id: "q", instruction: "i", references: ["ref": "y"], candidates: [Candidate(model: "a", text: "x")],
                          oracle: .scores([:]))
    let keys = KeyContext(seed: 1)
    let v1 = RankStage(rankers: [try MetricOracleRanker(.with { $0.metric = "bleu" })], examples: [example]).keys(keys)[0].keys
    let v2 = RankStage(rankers: [MetricOracleRanker(metric: BLEUv2())], examples: [example]).keys(keys)[0].keys
    #expect(v1[0].digest != v2[0].digest)
    let identity = try MetricOracleRanker(.with { $0.metric = "bleu" }).identity.canonical
    #expect(identity.contains("\"metric\":{\"id\":\"bleu\",\"params\":{},\"version\":\(BLEUMetric.version)}"))
}

@Test("the key context adds backend identities to backend users' keys (the compare stage's too) and encoder identities to encoder users'")
func keyContextAddsIdentities() throws {
    let example = Example(id: "q", instruction: "i", candidates: [Candidate(model: "a", text: "x"), Candidate(model: "b", text: "y")],
                          oracle: .scores([:]))
    let keys = KeyContext(seed: 1, backends: ["local": .object(["base_url": .string("http://h/v1")])],
                          encoders: ["models/m": .object(["files": .object(["model.safetensors": .string("abc")])])])
    let judge = try LLMJudgeRanker.make(["backend": .string("local"), "model": .string("m")])
    #expect(keys.fields(judge, for: example).canonical.contains("\"backends\":{\"local\":{\"base_url\":\"http://h/v1\"}}"))
    let pair = PairRanker(.with { $0.model = "models/m" })
    let compare = CompareStage(comparators: [pair], examples: [example]).keys(keys)[0].keys
    #expect(compare.count == 2)
    #expect(compare.allSatisfy { $0.fields.canonical.contains("\"encoders\":{\"models/m\":{\"files\":{\"model.safetensors\":\"abc\"}}}") })
    #expect(!keys.fields(OracleRanker(), for: example).canonical.contains("encoders"))
}


@Test("a paper-era ranker checkpoint's identity includes its local backbone's files, so a changed backbone config or tokenizer misses its entries")
func rankerConfigIdentityIncludesTheBackbone() throws {
    let dir = try scratchDirectory()
    let checkpoint = dir + "/pair-ranker", backbone = checkpoint + "/backbone"
    try FileManager.default.createDirectory(atPath: backbone, withIntermediateDirectories: true)
    try write("{\"ranker_type\": \"pairranker\", \"model_type\": \"deberta\", \"model_name\": \"backbone\"}", to: checkpoint + "/config.json")
    try write("weights", to: checkpoint + "/model.safetensors")
    try write("{\"hidden_size\": 8}", to: backbone + "/config.json")
    try write("pieces one", to: backbone + "/spm.model")
    let before = try EncoderFingerprint.of(directory: checkpoint, store: nil)
    #expect(before["backbone"] == (try EncoderFingerprint.of(directory: backbone, store: nil)))
    try write("pieces two", to: backbone + "/spm.model")
    #expect(try EncoderFingerprint.of(directory: checkpoint, store: nil) != before)
    // A PairRM-hf directory (no ranker_type) and a built-in backbone name have no backbone entry.
    try write("{\"ranker_type\": \"pairranker\", \"model_name\": \"microsoft/deberta-v3-large\"}", to: checkpoint + "/config.json")
    #expect(try EncoderFingerprint.of(directory: checkpoint, store: nil)["backbone"] == nil)
}

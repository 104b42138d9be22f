import BlendCore
@testable import BlendData
import Foundation
import Testing

@Test("joins outputs and annotations by instruction; preference - 1 is the oracle score")
func joinsByInstruction() throws {
    let root = try tinyAlpacaEval()
    let data = try AlpacaEvalLoader(root: root, models: ["a", "b"], reference: "ref", annotator: "judge",
                                    onMissing: .error, onInvalid: .error).load()
    #expect(data.examples.map(\.instruction) == ["q1", "q2"])
    let q1 = data.examples[0]
    #expect(q1.candidates.map(\.text) == ["a1", "b1"])
    #expect(q1.references == ["ref": "gold 1"])
    #expect(abs((q1.oracle.score(of: "a") ?? 0) - 0.9) < 1e-12)
    #expect(q1.oracleRanks == [1, 2])
    #expect(data.examples[1].oracleRanks == [1, 1])
    #expect(q1.id.rawValue == "ae-" + SHA256.hex("q1").prefix(12))
}

@Test("a candidate missing for an instruction: error names file and model; drop and rank-present are counted")
func missingCandidatePolicies() throws {
    let root = try tinyAlpacaEval()
    func load(_ policy: MissingPolicy) throws -> LoadedData {
        try AlpacaEvalLoader(root: root, models: ["a", "c"], reference: nil, annotator: "judge", onMissing: policy, onInvalid: .error).load()
    }
    do {
        _ = try load(.error)
        Issue.record("expected an error")
    } catch let error as DataError {
        #expect(error.description.contains("model 'c' has no output for the instruction \"q2\""))
        #expect(error.description.contains("on_missing"))
    }
    let dropped = try load(.drop)
    #expect(dropped.examples.map(\.instruction) == ["q1"])
    #expect(dropped.skipped == ["missing candidate: c": 1])
    let present = try load(.rankPresent)
    #expect(present.examples.map { $0.candidates.count } == [2, 1])
    #expect(present.skipped == ["ranked without: c": 1])
}

@Test("an empty output is a candidate, counted; on_empty: error refuses it naming the file and row; bad JSON names the file")
func badRows() throws {
    let root = try tinyAlpacaEval()
    try write(#"[{"instruction": "q1", "output": "b1"}, {"instruction": "q2", "output": "   "}]"#, to: "\(root)/results/b/model_outputs.json")
    let loader = AlpacaEvalLoader(root: root, models: ["a", "b"], reference: nil, annotator: "judge", onMissing: .drop, onInvalid: .error)
    let data = try loader.load()
    #expect(data.examples.map { $0.candidates.map(\.text) } == [["a1", "b1"], ["a2", "   "]])
    #expect(data.emptyAnswers == 1)
    #expect(data.skipped.isEmpty)
    #expect(data.irregularities == [Irregularity(file: "\(root)/results/b/model_outputs.json", row: 2,
                                                 reason: "empty answer from b for ae-\(SHA256.hex("q2").prefix(12))", action: .kept)])
    var refusing = loader
    refusing.onEmpty = .error
    #expect(throws: DataError.emptyAnswer(file: "\(root)/results/b/model_outputs.json", row: 2,
                                          model: "b", example: "ae-\(SHA256.hex("q2").prefix(12))")) { try refusing.load() }
    try write(#"[{"instruction": "q1", "output": "b1"},"#, to: "\(root)/results/b/model_outputs.json")
    do {
        _ = try loader.load()
        Issue.record("expected an error")
    } catch let error as DataError {
        guard case .badJSON(let file, _, _) = error else { Issue.record("wrong error \(error)"); return }
        #expect(file == "\(root)/results/b/model_outputs.json")
    }
}

@Test("skip-candidate drops only the candidate with a bad grade; skip drops the instruction; both are counted")
func skipCandidate() throws {
    let root = try tinyAlpacaEval()
    try write(#"[{"instruction": "q1", "preference": 1.5}, {"instruction": "q2", "preference": 7}]"#, to: "\(root)/results/b/judge/annotations.json")
    try write(#"[{"instruction": "q1", "output": "c1"}, {"instruction": "q2", "output": "c2"}]"#, to: "\(root)/results/c/model_outputs.json")
    try write(#"[{"instruction": "q1", "preference": 1.0}, {"instruction": "q2", "preference": 1.1}]"#, to: "\(root)/results/c/judge/annotations.json")
    var loader = AlpacaEvalLoader(root: root, models: ["a", "b", "c"], reference: nil, annotator: "judge", onMissing: .drop, onInvalid: .skipCandidate)
    let kept = try loader.load()
    #expect(kept.examples.map { $0.candidates.map(\.model) } == [["a", "b", "c"], ["a", "c"]])
    #expect(kept.droppedCandidates == ["invalid grade": 1])
    #expect(kept.skipped.isEmpty)
    #expect(kept.irregularities.map(\.description) == ["\(root)/results/b/judge/annotations.json, row 2: preference 7.0 is outside [1, 2] (candidate dropped)"])
    loader.onInvalid = .skip
    let skipped = try loader.load()
    #expect(skipped.examples.map(\.instruction) == ["q1"])
    #expect(skipped.skipped == ["preference 7.0 is outside [1, 2]": 1, "missing candidate: b": 1])
    // With only two candidates, dropping one leaves too few: the example goes, counted.
    loader = AlpacaEvalLoader(root: root, models: ["a", "b"], reference: nil, annotator: "judge", onMissing: .drop, onInvalid: .skipCandidate)
    let few = try loader.load()
    #expect(few.examples.map(\.instruction) == ["q1"])
    #expect(few.skipped == ["fewer than 2 usable candidates": 1])
    #expect(few.droppedCandidates == ["invalid grade": 1])
}

@Test("a missing directory says how to fetch the data")
func missingDirectory() {
    let loader = AlpacaEvalLoader(root: "/nonexistent/alpaca", models: nil, reference: nil, annotator: "judge", onMissing: .drop, onInvalid: .error)
    #expect(throws: DataError.self) { try loader.load() }
}

@Test("integration (real data): the development half has 406 instructions, all with even SHA-256, minotaur-13b missing one")
func realDevelopmentData() throws {
    let loader = AlpacaEvalLoader(root: realData, models: DataFetcher.alpacaEvalModels.map { ModelName($0) }, reference: "gpt4_1106_preview",
                                  annotator: "weighted_alpaca_eval_gpt4_turbo", onMissing: .rankPresent, onInvalid: .error)
    // The 14 evaluated models and the 33 for training (data.md).
    #expect(try loader.availableModels().count == 14 + 33)
    let data = try loader.load()
    #expect(data.examples.count == 406)
    #expect(data.examples.allSatisfy { (SHA256.digest(Array($0.instruction.utf8)).last ?? 1) % 2 == 0 })
    #expect(data.skipped == ["ranked without: minotaur-13b": 1])
    var dropping = loader
    dropping.onMissing = .drop
    let dropped = try dropping.load()
    #expect(dropped.examples.count == 405)
    // data.md's reference points, under the paper's tie rule (ties share the best rank).
    let wizard = dropped.examples.map { e in Double(e.oracleRanks[e.index(of: "wizardlm-13b")!]) }
    let meanRank = wizard.reduce(0, +) / Double(wizard.count)
    #expect(abs(meanRank - 5.16) < 0.01)
    let oracleBest = dropped.examples.map { e in e.candidates.compactMap { e.oracle.score(of: $0.model) }.max()! }
    #expect(abs(oracleBest.reduce(0, +) / Double(oracleBest.count) - 0.140) < 0.001)
}

import BlendCore
@testable import BlendData
import Foundation
import Testing

/// The FastChat llm_judge fixture (Tests/Fixtures/fastchat-mini): 6 questions (81 has two
/// turns), 4 models. delta's answers are in `model_answer/renamed-run-3.jsonl` and its grades
/// in `model_judgment/alpha.jsonl`; gamma answers 82 twice and has score -1 on 83; beta has no
/// grade on 84 and an empty answer on 85; delta has no answer to 86; alpha answers an unknown
/// question 99; `gpt-4_pair.jsonl` holds pairwise games.
let fastChatFixture = packageRoot + "/Tests/Fixtures/fastchat-mini"

func fastChat(_ root: String = fastChatFixture, models: [ModelName]? = nil, turn: Int = 1, judge: String? = nil,
              onMissing: MissingPolicy = .drop, onInvalid: InvalidPolicy = .skipCandidate, onEmpty: EmptyPolicy = .keep) throws -> LoadedData {
    try FastChatLoader(root: root, models: models, reference: "gpt-4", judge: judge, turn: turn,
                       onMissing: onMissing, onInvalid: onInvalid, onEmpty: onEmpty).load()
}

/// A copy of the fixture without some of its files.
func fastChatCopy(removing: [String]) throws -> String {
    let dir = try scratchDirectory() + "/fc"
    try FileManager.default.copyItem(atPath: fastChatFixture, toPath: dir)
    for file in removing { try FileManager.default.removeItem(atPath: dir + "/" + file) }
    return dir
}

@Test("fastchat: single grades are the oracle, matched by model and question across files whatever they are called")
func fastChatSingleGrades() throws {
    let data = try fastChat()
    #expect(data.candidates == ["alpha", "beta", "gamma", "delta"])
    #expect(data.examples.map(\.id) == ["81", "82", "83", "84", "85"])
    #expect(data.examples.map { $0.candidates.map(\.model.rawValue) } == [
        ["alpha", "beta", "gamma", "delta"], ["alpha", "beta", "delta"], ["alpha", "beta", "delta"], ["alpha", "gamma", "delta"],
        ["alpha", "beta", "gamma", "delta"],
    ])
    let q81 = data.examples[0]
    #expect(q81.instruction == "Write a haiku about autumn.")
    #expect(q81.input == "")
    #expect(q81.oracle.score(of: "delta") == 8)   // from model_judgment/alpha.jsonl
    #expect(q81.oracleRanks == [1, 4, 3, 2])
    #expect(data.examples[1].candidates[0].text == "7 * 8 = 56.")
    #expect(data.examples[1].references == ["gpt-4": "7 * 8 = 56."])
    #expect(data.examples[4].candidates[1].text == "")
    #expect(data.examples[4].oracleRanks == [2, 4, 3, 1])
    #expect(data.emptyAnswers == 1)
    #expect(data.droppedCandidates == ["duplicate answer": 1, "missing grade": 2])
    #expect(data.skipped == ["answer for an unknown question": 1, "missing candidate: delta": 1])
    let root = fastChatFixture
    #expect(data.irregularities.map(\.description) == [
        "\(root)/model_answer/alpha.jsonl, row 7: answer of alpha for unknown question 99 (row skipped)",
        "\(root)/model_answer/gamma.jsonl, row 3: duplicate answer of gamma to question 82 (candidate dropped)",
        "\(root)/model_judgment: 5 pairwise judgment(s) not used: the single grades are the oracle (kept)",
        "\(root)/model_judgment/gpt-4_single.jsonl, row 14: no grade (score -1) for gamma on question 83 (candidate dropped)",
        "\(root)/model_answer/beta.jsonl, row 4: no grade for beta on question 84 (candidate dropped)",
        "\(root)/model_answer/beta.jsonl, row 5: empty answer from beta for 85 (kept)",
        "\(root): example 86: no candidate from delta (example dropped)",
    ])
}

@Test("fastchat: skip drops the whole question, error names the file and row, on_empty: error refuses the empty answer")
func fastChatPolicies() throws {
    let skipped = try fastChat(onInvalid: .skip)
    #expect(skipped.examples.map(\.id) == ["81", "85"])
    #expect(skipped.skipped == ["answer for an unknown question": 1, "duplicate answer": 1, "missing grade": 2, "missing candidate: delta": 1])
    #expect(skipped.droppedCandidates.isEmpty)
    #expect(throws: DataError.invalidRow(file: fastChatFixture + "/model_answer/alpha.jsonl", row: 7,
                                         reason: "answer of alpha for unknown question 99")) { try fastChat(onInvalid: .error) }
    #expect(throws: DataError.emptyAnswer(file: fastChatFixture + "/model_answer/beta.jsonl", row: 5, model: "beta", example: "85")) { try fastChat(onEmpty: .error) }
    let present = try fastChat(onMissing: .rankPresent)
    #expect(present.examples.map(\.id) == ["81", "82", "83", "84", "85", "86"])
    #expect(present.skipped["ranked without: delta"] == 1)
}

@Test("fastchat: the second turn of a multi-turn question, with its own grades; questions without it are counted")
func fastChatSecondTurn() throws {
    let data = try fastChat(turn: 2)
    #expect(data.examples.map(\.id) == ["81"])
    let q81 = data.examples[0]
    #expect(q81.instruction == "Now rewrite it about spring.")
    #expect(q81.input == "Earlier user turns:\n1. Write a haiku about autumn.")
    #expect(q81.candidates.map(\.model) == ["alpha", "beta", "gamma"])
    #expect(q81.candidates[0].text.hasPrefix("Soft rain wakes the buds"))
    #expect(q81.oracleRanks == [1, 2, 3])
    #expect(data.droppedCandidates == ["missing grade": 1])
    #expect(data.skipped["question without the evaluated turn"] == 5)
}

@Test("fastchat: pairwise games become comparisons when there are no single grades; both games error = no verdict")
func fastChatPairwise() throws {
    let root = try fastChatCopy(removing: ["model_judgment/gpt-4_single.jsonl", "model_judgment/alpha.jsonl"])
    let data = try fastChat(root, models: ["alpha", "beta", "gamma"])
    // 81 and 84-86 have no comparisons; 82: gamma's answer is a duplicate; 83: alpha-beta both errors.
    #expect(data.examples.map(\.id) == ["82", "83"])
    #expect(data.examples[0].oracle == .pairwise([
        PairVerdict(a: "alpha", b: "gamma", outcome: .aBetter), PairVerdict(a: "beta", b: "gamma", outcome: .aBetter),
        PairVerdict(a: "alpha", b: "beta", outcome: .sameGood),
    ]))
    #expect(data.examples[0].candidates.map(\.model) == ["alpha", "beta"])
    #expect(data.examples[1].candidates.map(\.model) == ["alpha", "gamma"])
    #expect(data.examples[1].oracleRanks == [2, 1])
    #expect(data.skipped["pairwise judgment without a verdict"] == 1)
}

@Test("fastchat: without judgments the oracle is empty and every answer is kept; a missing question.jsonl says what path to give")
func fastChatNoJudgments() throws {
    let root = try fastChatCopy(removing: ["model_judgment"])
    let data = try fastChat(root, onMissing: .rankPresent)
    #expect(data.examples.count == 6)
    #expect(data.examples.allSatisfy { $0.oracle.isEmpty })
    #expect(data.irregularities.contains { $0.reason == "no judgments for turn 1: the oracle is empty" })
    #expect(throws: DataError.missingFile(path: root + "/model_answer/question.jsonl",
                                          hint: "dataset.path must be the folder holding question.jsonl, model_answer/ and model_judgment/.")) {
        try fastChat(root + "/model_answer")
    }
}

@Test("fastchat: Arena-Hard's turns as {content}, string question ids, a judge filter, and bad rows named")
func fastChatArenaHardShapes() throws {
    let root = try scratchDirectory()
    try write(#"{"question_id": "328c149e", "category": "arena-hard-v0.1", "turns": [{"content": "Explain TCP."}]}"#, to: root + "/question.jsonl")
    let answer = { (m: String, t: String) in #"{"question_id": "328c149e", "answer_id": "x", "model_id": "\#(m)", "choices": [{"index": 0, "turns": [{"content": "\#(t)", "token_len": 3}]}]}"# }
    try write(answer("m1", "A protocol.") + "\n" + answer("m2", "Bytes.") + "\n" + #"{"question_id": "328c149e", "model_id": "m3", "choices": []}"#,
              to: root + "/model_answer/all.jsonl")
    try write("""
        {"question_id": "328c149e", "model": "m1", "judge": ["gpt-4", "single-v1"], "score": 7, "turn": 1}
        {"question_id": "328c149e", "model": "m2", "judge": ["gpt-4", "single-v1"], "score": 3, "turn": 1}
        {"question_id": "328c149e", "model": "m1", "judge": ["gpt-3.5-turbo", "single-v1"], "score": 2, "turn": 1}
        {"question_id": "328c149e", "model": "m2", "judge": ["gpt-3.5-turbo", "single-v1"], "score": null, "turn": 1}
        """, to: root + "/model_judgment/judgments.jsonl")
    let byGPT4 = try fastChat(root, judge: "gpt-4")
    #expect(byGPT4.examples.first?.candidates.map(\.text) == ["A protocol.", "Bytes."])
    #expect(byGPT4.examples.first?.oracleRanks == [1, 2])
    #expect(byGPT4.droppedCandidates == ["malformed answer": 1])
    // Without a judge filter each model has two grades: ambiguous, so both are dropped and the example with them.
    let all = try fastChat(root)
    #expect(all.examples.isEmpty)
    #expect(all.droppedCandidates == ["duplicate grade": 2, "malformed answer": 1])
    let other = try fastChat(root, judge: "gpt-3.5-turbo")
    #expect(other.examples.isEmpty)
    #expect(other.irregularities.contains { $0.reason == "no grade (score null) for m2 on question 328c149e" && $0.row == 4 })
}

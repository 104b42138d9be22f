import BlendCore
import BlendData
import Foundation
import Testing

@Test("blendlab JSON lines: scores or comparisons become the oracle")
func jsonLinesOracles() throws {
    let dir = try scratchDirectory()
    try write("""
        {"id": "q1", "instruction": "Name a prime.", "references": {"gold": "2"}, "candidates": [{"model": "a", "text": "2", "score": 0.9}, {"model": "b", "text": "4", "score": 0.1}]}

        {"id": "q2", "instruction": "Name a colour.", "candidates": [{"model": "a", "text": "red"}, {"model": "b", "text": "blue"}], "comparisons": [{"a": "b", "b": "a", "outcome": "A is better"}]}
        """, to: dir + "/d.jsonl")
    let data = try JSONLinesLoader(file: dir + "/d.jsonl", models: nil, onMissing: .error, onInvalid: .error).load()
    #expect(data.candidates == ["a", "b"])
    #expect(data.examples.map(\.oracleRanks) == [[1, 2], [2, 1]])
    #expect(data.examples[0].references == ["gold": "2"])
}

@Test("blendlab JSON lines: duplicate ids, bad JSON and empty candidate lists name the line")
func jsonLinesErrors() throws {
    let dir = try scratchDirectory()
    let good = #"{"id": "q1", "instruction": "i", "candidates": [{"model": "a", "text": "x", "score": 1}]}"#
    try write(good + "\n" + good, to: dir + "/dup.jsonl")
    #expect(throws: DataError.invalidRow(file: dir + "/dup.jsonl", row: 2, reason: "duplicate id 'q1'")) {
        try JSONLinesLoader(file: dir + "/dup.jsonl", models: nil, onMissing: .error, onInvalid: .error).load()
    }
    let skipped = try JSONLinesLoader(file: dir + "/dup.jsonl", models: nil, onMissing: .error, onInvalid: .skip).load()
    #expect(skipped.skipped == ["duplicate id": 1])
    // The default drops unusable candidates, not broken examples: a duplicate id is still an error.
    #expect(throws: DataError.invalidRow(file: dir + "/dup.jsonl", row: 2, reason: "duplicate id 'q1' (`on_invalid: skip` skips such rows)")) {
        try JSONLinesLoader(file: dir + "/dup.jsonl", models: nil, onMissing: .error, onInvalid: .skipCandidate).load()
    }
    try write(good + "\n{\"id\": ", to: dir + "/trunc.jsonl")
    do {
        _ = try JSONLinesLoader(file: dir + "/trunc.jsonl", models: nil, onMissing: .error, onInvalid: .error).load()
        Issue.record("expected an error")
    } catch let error as DataError {
        guard case .badJSON(_, let row, _) = error else { Issue.record("wrong error \(error)"); return }
        #expect(row == 2)
    }
    try write(#"{"id": "q1", "instruction": "i", "candidates": []}"#, to: dir + "/empty.jsonl")
    #expect(throws: DataError.invalidRow(file: dir + "/empty.jsonl", row: 1, reason: "empty or missing 'candidates'")) {
        try JSONLinesLoader(file: dir + "/empty.jsonl", models: nil, onMissing: .error, onInvalid: .error).load()
    }
}

@Test("NaN, Infinity and numbers out of range name the row and say what to write instead")
func nonFiniteScoresNameTheRow() throws {
    let dir = try scratchDirectory()
    let row = { (score: String) in #"{"id": "q1", "instruction": "I", "candidates": [{"model": "a", "text": "x", "score": \#(score)}]}"# }
    for (score, reason) in [("NaN", "NaN and Infinity are not JSON numbers; write a finite number, or null where a value may be missing"),
                            ("-Infinity", "NaN and Infinity are not JSON numbers; write a finite number, or null where a value may be missing"),
                            ("1e999", "candidates[0].score: a number too large for a 64-bit float, or not a JSON value")] {
        try write(row("0.5") + "\n" + row(score).replacingOccurrences(of: "q1", with: "q2") + "\n", to: dir + "/s.jsonl")
        #expect(throws: DataError.badJSON(file: dir + "/s.jsonl", row: 2, reason: reason)) {
            try JSONLinesLoader(file: dir + "/s.jsonl", models: nil, onMissing: .error, onInvalid: .error).load()
        }
    }
}

@Test("blendlab JSON lines: an empty text is a candidate; a duplicate model or a bad score drops the candidate, not the example")
func jsonLinesEmptyAndSkipCandidate() throws {
    let dir = try scratchDirectory()
    try write("""
        {"id": "q1", "instruction": "i", "candidates": [{"model": "a", "text": "x", "score": 1}, {"model": "b", "text": " ", "score": 0}, {"model": "c", "text": "z", "score": 0.5}]}
        {"id": "q2", "instruction": "j", "candidates": [{"model": "a", "text": "x", "score": 1}, {"model": "b", "text": "y", "score": "high"}, {"model": "c", "text": "z", "score": 0.5}]}
        {"id": "q3", "instruction": "k", "candidates": [{"model": "a", "text": "x", "score": 1}, {"model": "b", "text": "y", "score": 2}, {"model": "b", "text": "w", "score": 3}, {"model": "c", "text": "z", "score": 0.5}]}
        {"id": "q4", "instruction": "l", "candidates": [{"model": "a", "text": "x", "score": 1}, {"model": "b", "text": "y"}, {"model": "c", "text": "z"}]}
        """, to: dir + "/d.jsonl")
    let data = try JSONLinesLoader(file: dir + "/d.jsonl", models: nil, onMissing: .drop, onInvalid: .skipCandidate).load()
    #expect(data.examples.map(\.id) == ["q1", "q2", "q3"])
    #expect(data.examples.map { $0.candidates.map(\.model) } == [["a", "b", "c"], ["a", "c"], ["a", "c"]])
    #expect(data.examples[0].oracleRanks == [1, 3, 2])
    #expect(data.emptyAnswers == 1)
    #expect(data.droppedCandidates == ["invalid grade": 1, "duplicate model": 2, "missing grade": 2])
    #expect(data.skipped == ["fewer than 2 usable candidates": 1])
    #expect(data.irregularities.map(\.description).contains("\(dir)/d.jsonl, row 2: example q2: score of b is not a finite number (candidate dropped)"))
    let whole = try JSONLinesLoader(file: dir + "/d.jsonl", models: nil, onMissing: .drop, onInvalid: .skip).load()
    #expect(whole.examples.map(\.id) == ["q1"])
    #expect(whole.skipped == ["score of b is not a finite number": 1, "model b appears twice": 1,
                              "no oracle: give every candidate a 'score', or give 'comparisons'": 1])
    #expect(throws: DataError.emptyAnswer(file: dir + "/d.jsonl", row: 1, model: "b", example: "q1")) {
        try JSONLinesLoader(file: dir + "/d.jsonl", models: nil, onMissing: .drop, onInvalid: .skipCandidate, onEmpty: .error).load()
    }
    #expect(throws: DataError.invalidRow(file: dir + "/d.jsonl", row: 2, reason: "example q2: score of b is not a finite number")) {
        try JSONLinesLoader(file: dir + "/d.jsonl", models: nil, onMissing: .drop, onInvalid: .error).load()
    }
}

import BlendCore
import BlendData
import Testing

let mixInstructRows = [
    #"{"id": "unified_chip2/1", "instruction": "", "input": "Why is the sky blue?", "output": "Rayleigh scattering.", "candidates": [{"decoding_method": "top_p_sampling", "model": "vicuna", "text": "Because of scattering.", "scores": {"bleu": 5.0}}, {"model": "alpaca", "text": "It is blue.", "scores": {"bleu": 1.0}}, {"model": "koala", "text": "No idea.", "scores": {"bleu": 0.5}}], "cmp_results": "{\"vicuna,alpaca\": \"A is better\", \"koala,vicuna\": \"B is better\", \"alpaca,koala\": \"Same bad\"}"}"#,
    #"{"id": "unified_chip2/2", "instruction": "Add", "input": "2+2", "output": "4", "candidates": [{"model": "vicuna", "text": "4", "scores": {"bleu": 100}}, {"model": "alpaca", "text": "5", "scores": {"bleu": 0}}, {"model": "koala", "text": "four", "scores": {"bleu": 0}}], "cmp_results": "null"}"#,
]

@Test("MixInstruct JSON lines: cmp_results string becomes the paper's GPT-Rank oracle")
func mixInstructLines() throws {
    let dir = try scratchDirectory()
    try write(mixInstructRows.joined(separator: "\n"), to: dir + "/mix.jsonl")
    let loader = MixInstructLoader(file: dir + "/mix.jsonl", models: nil, scoreOracle: nil, onMissing: .error, onInvalid: .skip)
    let data = try loader.load()
    #expect(data.examples.count == 1)
    #expect(data.skipped == ["no oracle: 'cmp_results' is null": 1])
    let e = data.examples[0]
    #expect(e.source == "\nWhy is the sky blue?")
    #expect(e.references == ["output": "Rayleigh scattering."])
    // vicuna beats alpaca and koala: s = 4; alpaca/koala: one loss each, Same bad cancels: s = -2.
    #expect(e.oracleRanks == [1, 2, 2])
}

@Test("MixInstruct JSON array with a score oracle where cmp_results is null; errors name the row")
func mixInstructArray() throws {
    let dir = try scratchDirectory()
    try write("[" + mixInstructRows.joined(separator: ",") + "]", to: dir + "/mix.json")
    let data = try MixInstructLoader(file: dir + "/mix.json", models: ["alpaca", "vicuna"], scoreOracle: "bleu",
                                     onMissing: .error, onInvalid: .error).load()
    #expect(data.examples.count == 2)
    #expect(data.examples[1].candidates.map(\.model) == ["alpaca", "vicuna"])
    #expect(data.examples[1].oracleRanks == [2, 1])
    let strict = MixInstructLoader(file: dir + "/mix.json", models: nil, scoreOracle: nil, onMissing: .error, onInvalid: .error)
    #expect(throws: DataError.invalidRow(file: dir + "/mix.json", row: 2, reason: "no oracle: 'cmp_results' is null")) { try strict.load() }
}

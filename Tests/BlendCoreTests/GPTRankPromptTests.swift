import BlendCore
import Testing

@Suite struct GPTRankPromptTests {
    @Test(arguments: [
        ("1. A is better", PairVerdict.Outcome.aBetter),
        ("2", .bBetter),
        ("3. Same good", .sameGood),
        (" 4.", .sameBad),
        ("B is better", .bBetter),
        ("same bad, sadly", .sameBad),
        ("Choice 2. Although 1. could be argued", .bBetter),   // cut at the first "."
    ])
    func parsesTheAnswer(answer: String, outcome: PairVerdict.Outcome) {
        #expect(GPTRankPrompt.parse(answer) == outcome)
    }

    @Test(arguments: ["", "Yes.", "1 or 2", "A is better and B is better", "5. none", "Candidate A"])
    func rejectsAmbiguousOrEmptyAnswers(answer: String) {
        #expect(GPTRankPrompt.parse(answer) == nil)
    }

    @Test func promptIsThePapersTemplate() {
        let text = GPTRankPrompt.text(instruction: "Q?", input: "", a: "x", b: "y")
        #expect(text.hasPrefix("Instruction: \nQ?\n\nInput: \n\n\nCandidate A: \nx\n\nCandidate B: \ny\n\nGiven the instruction and input above, please compare the two candidates.\n"))
        #expect(text.hasSuffix("Do not output anything else except the 4 choices above.\nOutput your choice below:"))
    }
}

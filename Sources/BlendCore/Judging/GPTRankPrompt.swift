/// The paper's GPT-Rank pairwise comparison prompt and answer parser (LLM-Blender, the
/// MixInstruct oracle; code `src/gpt_eval/gpt_eval.py` at 4594f09^, digest section 5.4).
public enum GPTRankPrompt {
    /// The template text, with the instruction, input and the two candidates filled in.
    public static func text(instruction: String, input: String, a: String, b: String) -> String {
        """
        Instruction: 
        \(instruction)

        Input: 
        \(input)

        Candidate A: 
        \(a)

        Candidate B: 
        \(b)

        Given the instruction and input above, please compare the two candidates.
        You only have 4 choices to output:
        If you think A is better, please output: 1. A is better
        If you think B is better, please output: 2. B is better
        If you think both are good enough correctly give the answer, please output: 3. Same good
        If you think both are bad and do not follow the instruction, please output: 4. Same bad
        Do not output anything else except the 4 choices above.
        Output your choice below:
        """
    }

    /// The paper's parsing: cut the answer at the first ".", then look for a digit 1-4; if there
    /// is none, for one of the four phrases (case-insensitive). Exactly one distinct match is
    /// required; anything else is nil (the caller retries).
    public static func parse(_ answer: String) -> PairVerdict.Outcome? {
        let head = answer.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? answer
        let outcomes = PairVerdict.Outcome.allCases
        let digits = Set(head.compactMap { ch -> Int? in ch.wholeNumberValue.flatMap { (1...4).contains($0) ? $0 : nil } })
        if !digits.isEmpty {
            guard digits.count == 1, let d = digits.first else { return nil }
            return outcomes[d - 1]
        }
        let lower = head.lowercased()
        let phrases = outcomes.filter { lower.contains($0.rawValue.lowercased()) }
        return phrases.count == 1 ? phrases[0] : nil
    }
}

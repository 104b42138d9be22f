import Foundation
import Testing

@Test("data check: an experiment's dataset block or --source/--path; the summary and every irregularity with file and row; exit 0 usable, 1 not")
func dataCheckCommand() throws {
    let fixture = "Tests/Fixtures/fastchat-mini"
    let byExperiment = try blendlab(["data", "check", "fastchat-mini"])
    #expect(byExperiment.status == 0, "\(byExperiment.err)")
    #expect(byExperiment.out.hasPrefix("fastchat at \(fixture)\nexamples loaded: 5; evaluated: 5 (part: all)\n"))
    #expect(byExperiment.out.contains("candidates dropped: 3 (duplicate answer: 1; missing grade: 2)\n"))
    #expect(byExperiment.out.contains("irregularities: 7\n"))
    #expect(byExperiment.out.contains("  \(fixture)/model_judgment/gpt-4_single.jsonl, row 14: no grade (score -1) for gamma on question 83 (candidate dropped)\n"))
    #expect(byExperiment.out.contains("  \(fixture)/model_answer/beta.jsonl, row 5: empty answer from beta for 85 (kept)\n"))
    #expect(byExperiment.out.hasSuffix("usable\n"))

    let bySource = try blendlab(["data", "check", "--source", "fastchat", "--path", fixture, "--set", "dataset.turn=2"])
    #expect(bySource.status == 0)
    #expect(bySource.out.contains("examples loaded: 1; evaluated: 1 (part: all)\n"))

    let strict = try blendlab(["data", "check", "--source", "fastchat", "--path", fixture, "--set", "dataset.on_empty=error"])
    #expect(strict.status == 1)
    #expect(strict.out.hasSuffix("not usable: \(fixture)/model_answer/beta.jsonl, row 5: empty answer from beta for 85, refused by dataset.on_empty: error. Remove the setting to keep it as a candidate (the default).\n"))

    let neither = try blendlab(["data", "check"])
    #expect(neither.status != 0)
    #expect(neither.err.contains("Give an experiment NAME, or both --source and --path."))
    let badKey = try blendlab(["data", "check", "--source", "fastchat", "--path", fixture, "--set", "dataset.trun=2"])
    #expect(badKey.status == 2)
}

import Testing
@testable import BlendCore

struct RougeTokenizerTests {
    func tokens(_ s: String, stemming: Bool = false) -> [String] {
        let t = RougeTokens(s, stemming: stemming)
        return t.tokens.map { String(decoding: t.bytes[$0], as: UTF8.self) }
    }

    /// rouge_score.tokenize.tokenize(...) gives exactly these.
    @Test func lowercasesAndSplitsOnNonAlphanumerics() {
        #expect(tokens("Hello, WORLD! İstanbul \u{212A}elvin café 3.14") == ["hello", "world", "i", "stanbul", "kelvin", "caf", "3", "14"])
    }

    @Test func stemsOnlyTokensLongerThanThree() {
        #expect(tokens("Running runs ran dogs", stemming: true) == ["run", "run", "ran", "dog"])
    }

    @Test func linesAreRecorded() {
        let t = RougeTokens("a b\n\nc", stemming: false)
        #expect(t.lines == [0, 0, 2])
    }

    @Test func emptyText() {
        #expect(tokens("").isEmpty)
        #expect(tokens("  ,;  ").isEmpty)
    }
}

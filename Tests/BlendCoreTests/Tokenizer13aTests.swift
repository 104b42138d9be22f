import Testing
@testable import BlendCore

/// Expected token strings are sacreBLEU 2.6's `Tokenizer13a()(line)` output.
struct Tokenizer13aTests {
    func tokens(_ s: String) -> String {
        let t = Tokenizer13a.tokenize(s)
        return t.tokens.map { String(decoding: t.bytes[$0], as: UTF8.self) }.joined(separator: " ")
    }

    @Test func punctuationDigitsAndEntities() {
        #expect(tokens("Hello, world! 3.14 and 1,000; a-b 2-3 &amp; &lt;x&gt; \"q\" it's end.")
                == "Hello , world ! 3.14 and 1,000 ; a-b 2 - 3 & < x > \" q \" it's end .")
    }

    @Test func lineBreaksSkippedAndUnicodeWhitespace() {
        #expect(tokens("word-\nbreak <skipped>x a.,b  \u{00a0}c\u{3000}d") == "wordbreak x a . , b c d")
    }

    @Test func trailingDashBeforeNewlineIsKeptBecauseTheLineIsStrippedFirst() {
        #expect(tokens("here-\n") == "here-")
    }

    @Test func emptyAndWhitespaceOnly() {
        #expect(Tokenizer13a.tokenize("").tokens.isEmpty)
        #expect(Tokenizer13a.tokenize(" \t\u{2028} ").tokens.isEmpty)
    }
}

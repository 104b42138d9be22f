import Foundation
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

/// The one-scan tokenizer against a literal transcription of sacreBLEU's steps (each regex as
/// a left-to-right, non-overlapping `re.sub` over the whole line), on the real development
/// answers and on random lines built from the bytes the rules turn on.
struct Tokenizer13aScanTests {
    func scanned(_ s: String) -> [String] {
        let t = Tokenizer13a.tokenize(s)
        var streamed: [String] = []
        Tokenizer13a.forEachToken(s) { streamed.append(String(decoding: $0, as: UTF8.self)) }
        let listed = t.tokens.map { String(decoding: t.bytes[$0], as: UTF8.self) }
        #expect(listed == streamed, "tokenize and forEachToken disagree on \(s.debugDescription)")
        return listed
    }

    @Test func realAnswersTokenizeAsTheLiteralPasses() throws {
        let texts = try DevelopmentTexts.load()
        #expect(texts.count > 6_000, "expected the 15 models' 405 development answers each, found \(texts.count)")
        var differing: [String] = []
        for text in texts where scanned(text) != Literal13a.tokens(text) { differing.append(text) }
        #expect(differing.isEmpty, "\(differing.count) answers differ; first: \(differing.first.map { String($0.prefix(300)).debugDescription } ?? "")")
    }

    @Test func randomLinesTokenizeAsTheLiteralPasses() {
        let pieces = ["5", "0", "9", ".", ",", "-", " ", "a", "Z", "\n", "-\n", "&amp;", "&quot;", "&lt;", "&gt;", "&", "&am",
                      "<skipped>", "<", "(", "'", "\"", "é", "日", "\u{00a0}", "\u{3000}", "\u{2028}", "\t", "..", ",,", "$"]
        var rng = SeededGenerator(seed: 13)
        for _ in 0..<20_000 {
            let length = Int(rng.next() % 24)
            let line = (0..<length).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            #expect(scanned(line) == Literal13a.tokens(line), "line \(line.debugDescription)")
        }
    }

    @Test func runsOfPeriodsAndCommasBeforeDigits() {
        // Which one of a run stays on the digit after it depends on the run's parity and on
        // whether a digit precedes it; the expected strings are sacreBLEU 2.6's output.
        #expect(scanned("5...5 x..5 5.5 x.5 ,5 5,,5").joined(separator: " ") == "5 . . .5 x . .5 5.5 x . 5 , 5 5 , , 5")
        #expect(scanned("1,000.5. a,.,5 9-9-a -5 a-5").joined(separator: " ") == "1,000.5 . a , . , 5 9 - 9 - a -5 a-5")
    }
}

/// sacreBLEU 2.6's `Tokenizer13a.__call__` step by step on the whole line, without shortcuts.
enum Literal13a {
    static let pythonWhitespace: Set<UInt32> = Set([0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680,
                                                   0x2028, 0x2029, 0x202F, 0x205F, 0x3000] + Array(0x2000...0x200A))

    static func tokens(_ text: String) -> [String] {
        var scalars = Array(text.unicodeScalars)
        while let last = scalars.last, pythonWhitespace.contains(last.value) { scalars.removeLast() }
        var line = String(String.UnicodeScalarView(scalars))
        line = line.replacingOccurrences(of: "<skipped>", with: "")
        line = line.replacingOccurrences(of: "-\n", with: "")
        line = line.replacingOccurrences(of: "\n", with: " ")
        if line.contains("&") {
            for (entity, char) in [("&quot;", "\""), ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">")] {
                line = line.replacingOccurrences(of: entity, with: char)
            }
        }
        var b = [0x20] + Array(line.utf8) + [0x20]
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        func isPeriodOrComma(_ c: UInt8) -> Bool { c == 0x2E || c == 0x2C }
        // 1. ([\{-\~\[-\` -\&\(-\+\:-\@\/]) -> " \1 "
        let symbols = Set<UInt8>(Array(0x7B...0x7E) + Array(0x5B...0x60) + Array(0x20...0x26) + Array(0x28...0x2B) + Array(0x3A...0x40) + [0x2F])
        b = b.flatMap { symbols.contains($0) ? [0x20, $0, 0x20] : [$0] }
        // 2. ([^0-9])([\.,]) -> "\1 \2 "; 3. ([\.,])([^0-9]) -> " \1 \2"; 4. ([0-9])(-) -> "\1 \2 "
        b = reSub(b, { !isDigit($0) }, isPeriodOrComma) { [$0, 0x20, $1, 0x20] }
        b = reSub(b, isPeriodOrComma, { !isDigit($0) }) { [0x20, $0, 0x20, $1] }
        b = reSub(b, isDigit, { $0 == 0x2D }) { [$0, 0x20, $1, 0x20] }
        return String(decoding: b, as: UTF8.self).unicodeScalars
            .split { pythonWhitespace.contains($0.value) }
            .map { String(String.UnicodeScalarView($0)) }
    }

    /// Python's `re.sub` of a two-character pattern: scan left to right; where the pattern
    /// matches at i, emit the replacement and go on at i + 2, else copy one byte.
    static func reSub(_ b: [UInt8], _ first: (UInt8) -> Bool, _ second: (UInt8) -> Bool,
                      _ replacement: (UInt8, UInt8) -> [UInt8]) -> [UInt8] {
        var out: [UInt8] = [], i = 0
        while i < b.count {
            if i + 1 < b.count && first(b[i]) && second(b[i + 1]) {
                out += replacement(b[i], b[i + 1])
                i += 2
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return out
    }
}

/// Every answer of the reference and the 14 evaluated models in `data/alpaca_eval`.
enum DevelopmentTexts {
    static let models = ["gpt4_1106_preview", "alpaca-7b", "vicuna-7b", "vicuna-13b", "oasst-sft-pythia-12b", "oasst-sft-llama-33b",
                         "baize-v2-13b", "chatglm2-6b", "falcon-7b-instruct", "falcon-40b-instruct", "pythia-12b-mix-sft",
                         "nous-hermes-13b", "wizardlm-13b", "minotaur-13b", "ultralm-13b"]

    static func load() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try models.flatMap { model -> [String] in
            let url = root.appendingPathComponent("data/alpaca_eval/results/\(model)/model_outputs.json")
            let rows = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: Any]] ?? []
            return rows.compactMap { $0["output"] as? String }
        }
    }
}

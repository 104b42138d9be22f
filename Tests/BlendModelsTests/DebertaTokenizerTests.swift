import Foundation
import Testing
@testable import BlendModels

/// The fixtures `make pairrm-fixtures` writes (scripts/pairrm_fixtures.py; `make test` makes
/// them first): a SentencePiece unigram model trained on development texts in PairRM-hf's
/// layout, and transformers' DebertaV2Tokenizer ids for 1,000 other real texts.
enum PairRMFixtures {
    static let directory = ProcessInfo.processInfo.environment["BLENDLAB_PAIRRM_FIXTURES"]
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build-fixtures/pairrm").path

    static func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    static func tokenizer() throws -> DebertaTokenizer {
        guard FileManager.default.fileExists(atPath: path("spm.model")) else {
            throw ModelError.invalidArgument("no PairRM fixtures in \(directory); run `make pairrm-fixtures`")
        }
        return try DebertaTokenizer(directory: directory)
    }

    static func jsonLines(_ name: String) throws -> [[String: Any]] {
        guard let data = FileManager.default.contents(atPath: path(name)) else {
            throw ModelError.invalidArgument("\(path(name)) is missing; run `make pairrm-fixtures`")
        }
        return try String(decoding: data, as: UTF8.self).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
    }
}

@Test func tokenIDsEqualTransformersOnAThousandRealTexts() throws {
    let tokenizer = try PairRMFixtures.tokenizer()
    let rows = try PairRMFixtures.jsonLines("tokens.jsonl")
    #expect(rows.count == 1000)
    var mismatches: [String] = []
    for row in rows {
        let text = row["text"] as? String ?? "", expected = (row["ids"] as? [Int] ?? []).map(Int32.init)
        let got = tokenizer.encode(text)
        if got != expected {
            let at = (0..<min(got.count, expected.count)).first { got[$0] != expected[$0] } ?? min(got.count, expected.count)
            mismatches.append("\(text.prefix(60).debugDescription): first difference at \(at), \(got.dropFirst(at).prefix(4)) vs \(expected.dropFirst(at).prefix(4))")
        }
    }
    #expect(mismatches.isEmpty, "\(mismatches.count) of \(rows.count) texts differ:\n\(mismatches.prefix(10).joined(separator: "\n"))")
    // The selection covers what the parity is about.
    let texts = rows.compactMap { $0["text"] as? String }
    #expect(texts.contains { $0.unicodeScalars.contains { $0.value >= 0x1F000 } })
    #expect(texts.contains { $0.count > 4000 })
    #expect(texts.contains { $0.contains("```") })
}

@Test func addedTokensFollowThePieces() throws {
    let tokenizer = try PairRMFixtures.tokenizer()
    let n = Int32(tokenizer.model.pieces.count)
    #expect(tokenizer.added["[MASK]"] == n)
    #expect(["<|source|>", "<|candidate1|>", "<|candidate2|>", "<|candidate|>"].map { tokenizer.added[$0] } == [n + 1, n + 2, n + 3, n + 4])
    let ids = tokenizer.encode("<|source|>hello! [SEP]")
    #expect(ids.first == tokenizer.cls && ids[1] == n + 1 && ids.last == tokenizer.sep && ids.dropLast().last == tokenizer.sep)
    #expect(tokenizer.encode("a long text to truncate here", maxLength: 4).count == 4)
}

@Test func normalisationAndMetaspace() {
    #expect(DebertaTokenizer.normalize("a  b\tc\u{00A0}d\n") == "a b c\u{00A0}d")
    #expect(DebertaTokenizer.normalize("e\u{0301}") == "\u{00E9}")
    #expect(DebertaTokenizer.metaspace("hi there") == ["▁hi", "▁there"])
    #expect(DebertaTokenizer.metaspace(" x") == ["▁x"])
}

@Test func aMissingOrDamagedModelIsAClearError() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spm-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(throws: ModelError.missingFile(path: dir.appendingPathComponent("spm.model").path)) { _ = try DebertaTokenizer(directory: dir.path) }
    try Data([0x0A, 0xFF, 0x01]).write(to: dir.appendingPathComponent("spm.model"))
    #expect { _ = try DebertaTokenizer(directory: dir.path) } throws: { "\($0)".contains("not a SentencePiece model") }
}

import Foundation

/// A WordPiece vocabulary: token string <-> id, with the special tokens BERT needs.
public struct Vocabulary: Sendable {
    public let tokens: [String]
    public let ids: [String: Int32]
    public let cls: Int32, sep: Int32, pad: Int32, unk: Int32

    public init(tokens: [String]) throws {
        self.tokens = tokens
        var ids: [String: Int32] = [:]
        ids.reserveCapacity(tokens.count)
        for (i, t) in tokens.enumerated() where ids[t] == nil { ids[t] = Int32(i) }
        self.ids = ids
        func special(_ t: String) throws -> Int32 {
            guard let id = ids[t] else { throw ModelError.unsupported("the vocabulary has no \(t) token; is this a BERT WordPiece vocabulary?") }
            return id
        }
        cls = try special("[CLS]")
        sep = try special("[SEP]")
        pad = try special("[PAD]")
        unk = try special("[UNK]")
    }

    /// The special tokens that the Hugging Face tokenizer matches verbatim in raw text.
    public var specialTokens: [String] { ["[CLS]", "[SEP]", "[PAD]", "[UNK]", "[MASK]"].filter { ids[$0] != nil } }

    /// `vocab.txt`: one token per line, id = line number.
    public static func load(vocabTxt path: String) throws -> Vocabulary {
        guard let data = FileManager.default.contents(atPath: path) else { throw ModelError.missingFile(path: path) }
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        if lines.last == "" { lines.removeLast() }
        guard !lines.isEmpty else { throw ModelError.corrupt(path: path, reason: "empty vocabulary") }
        return try Vocabulary(tokens: lines)
    }

    /// `tokenizer.json` of a WordPiece model: `model.vocab` maps tokens to ids.
    public static func load(tokenizerJSON path: String) throws -> Vocabulary {
        guard let data = FileManager.default.contents(atPath: path) else { throw ModelError.missingFile(path: path) }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let model = root["model"] as? [String: Any], let vocab = model["vocab"] as? [String: Int], !vocab.isEmpty
        else { throw ModelError.corrupt(path: path, reason: "no model.vocab object (not a WordPiece tokenizer.json?)") }
        var tokens = [String](repeating: "", count: (vocab.values.max() ?? 0) + 1)
        for (t, i) in vocab where i >= 0 { tokens[i] = t }
        return try Vocabulary(tokens: tokens)
    }
}

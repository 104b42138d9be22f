import Foundation

/// DeBERTa-v2/v3's tokenizer as transformers 5 runs it (`DebertaV2Tokenizer`, a tokenizers
/// pipeline built from `spm.model`):
/// 1. added tokens (`[CLS]`, `[SEP]`, `[PAD]`, `[UNK]`, `[MASK]` and those of
///    `added_tokens.json`, e.g. PairRM's `<|source|>` ... `<|candidate|>` = 128001-128004) are
///    split out of the text first, longest match at each position;
/// 2. each remaining piece is normalised: every run of two or more whitespace characters and
///    every single `\n`, `\r`, `\t` becomes one space, then NFC, then trailing whitespace is
///    removed (transformers 5 uses this instead of the model's precompiled `nmt_nfkc` map);
/// 3. Metaspace: spaces become `▁`, a `▁` is prepended unless the piece starts with one, and
///    the piece is split before each `▁`;
/// 4. each word is segmented by the unigram model (`UnigramModel`);
/// 5. `[CLS] … [SEP]` around the whole, and truncation to `maxLength` ids (specials included)
///    keeps the first ids, as `tokenizer.encode(text, max_length:, truncation: True)`.
public struct DebertaTokenizer: Sendable {
    public let model: SentencePieceModel
    let unigram: UnigramModel
    /// Added token text -> id, specials included.
    public let added: [String: Int32]
    private let addedByLength: [String]
    public let cls: Int32, sep: Int32, pad: Int32
    /// The number of ids: the pieces plus added tokens beyond them.
    public let vocabularyCount: Int

    /// Reads `spm.model` in `directory` and the added tokens of `added_tokens.json` when present
    /// (`[MASK]` defaults to the id after the last piece, as DeBERTa-v3's 128000).
    public init(directory: String) throws {
        let path = { (name: String) in (directory as NSString).appendingPathComponent(name) }
        let spm = path("spm.model")
        guard FileManager.default.fileExists(atPath: spm) else {
            throw ModelError.missingFile(path: spm)
        }
        let model = try SentencePieceModel.load(path: spm)
        guard model.modelType == 1 else {
            throw ModelError.unsupported("\(spm): SentencePiece model type \(model.modelType); only unigram (1) is implemented")
        }
        var added: [String: Int32] = [:]
        for (index, piece) in model.pieces.enumerated() where piece.type == .control || piece.type == .unknown {
            if ["[CLS]", "[SEP]", "[PAD]", "[UNK]", "[MASK]"].contains(piece.text) { added[piece.text] = Int32(index) }
        }
        if added["[MASK]"] == nil { added["[MASK]"] = Int32(model.pieces.count) }
        let addedPath = path("added_tokens.json")
        if let data = FileManager.default.contents(atPath: addedPath) {
            guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Int] else {
                throw ModelError.corrupt(path: addedPath, reason: "not a JSON object of token -> id")
            }
            for (token, id) in object { added[token] = Int32(id) }
        }
        try self.init(model: model, added: added, path: spm)
    }

    init(model: SentencePieceModel, added: [String: Int32], path: String) throws {
        let unigram = UnigramModel(pieces: model.pieces, unkID: model.unkID)
        func special(_ name: String) throws -> Int32 {
            guard let id = added[name] ?? unigram.id(of: name) else {
                throw ModelError.corrupt(path: path, reason: "it has no \(name) piece")
            }
            return id
        }
        cls = try special("[CLS]")
        sep = try special("[SEP]")
        pad = try special("[PAD]")
        self.model = model
        self.unigram = unigram
        self.added = added
        addedByLength = added.keys.sorted { $0.utf8.count != $1.utf8.count ? $0.utf8.count > $1.utf8.count : $0 < $1 }
        vocabularyCount = max(model.pieces.count, Int(added.values.max() ?? 0) + 1)
    }

    /// This tokenizer with `tokens` added after the last id, in order, skipping those it has —
    /// as transformers' `add_tokens` (the paper-era PairRanker's collator adds its four prefixes
    /// to deberta-v3-large's tokenizer this way: 128001-128004).
    public func adding(_ tokens: [String]) throws -> DebertaTokenizer {
        var added = self.added
        var next = Int32(vocabularyCount)
        for token in tokens where added[token] == nil && unigram.id(of: token) == nil {
            added[token] = next
            next += 1
        }
        return try DebertaTokenizer(model: model, added: added, path: "spm.model")
    }

    /// `[CLS] ids [SEP]`, truncated to `maxLength` ids in all (at least 2).
    public func encode(_ text: String, maxLength: Int = Int.max) -> [Int32] {
        let body = tokenize(text)
        let room = max(0, maxLength - 2)
        return [cls] + body.prefix(room) + [sep]
    }

    /// The ids of `text` without `[CLS]`/`[SEP]`.
    public func tokenize(_ text: String) -> [Int32] {
        var out: [Int32] = []
        for part in splitAdded(text) {
            switch part {
            case .added(let id): out.append(id)
            case .text(let piece):
                for word in Self.metaspace(Self.normalize(piece)) { out += unigram.encode(word) }
            }
        }
        return out
    }

    enum Part: Equatable {
        case added(Int32)
        case text(String)
    }

    /// The text split around added tokens (longest match first at each position).
    func splitAdded(_ text: String) -> [Part] {
        guard !added.isEmpty else { return [.text(text)] }
        var parts: [Part] = []
        var pending = Substring()
        var rest = Substring(text)
        outer: while !rest.isEmpty {
            if rest.first == "[" || rest.first == "<" {
                for token in addedByLength where rest.hasPrefix(token) {
                    if !pending.isEmpty { parts.append(.text(String(pending))) }
                    pending = Substring()
                    parts.append(.added(added[token] ?? 0))
                    rest = rest.dropFirst(token.count)
                    continue outer
                }
            }
            pending = pending + rest.prefix(1)
            rest = rest.dropFirst()
        }
        if !pending.isEmpty { parts.append(.text(String(pending))) }
        return parts
    }

    /// transformers 5's DeBERTa normaliser: `\s{2,}|[\n\r\t]` -> " ", NFC, strip on the right.
    static func normalize(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var run: [Unicode.Scalar] = []
        func flush() {
            if run.count >= 2 || (run.count == 1 && ["\n", "\r", "\t"].contains(run[0])) {
                scalars.append(" ")
            } else {
                scalars.append(contentsOf: run)
            }
            run.removeAll()
        }
        for s in text.unicodeScalars {
            if s.properties.isWhitespace { run.append(s) } else {
                flush()
                scalars.append(s)
            }
        }
        flush()
        var out = Array(String(scalars).precomposedStringWithCanonicalMapping.unicodeScalars)
        while let last = out.last, last.properties.isWhitespace { out.removeLast() }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: out)
        return String(result)
    }

    /// Metaspace with prepend scheme "always" and splitting: the words, each starting with `▁`.
    static func metaspace(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var replaced = text.replacingOccurrences(of: " ", with: "▁")
        if !replaced.hasPrefix("▁") { replaced = "▁" + replaced }
        var words: [String] = []
        var current = ""
        for c in replaced.unicodeScalars {
            if c == "▁", !current.isEmpty {
                words.append(current)
                current = ""
            }
            current.unicodeScalars.append(c)
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}

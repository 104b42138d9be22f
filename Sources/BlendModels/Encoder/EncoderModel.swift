import BlendCore
import Foundation

/// A BERT-family encoder loaded from a Hugging Face model directory (`config.json`,
/// `vocab.txt` or `tokenizer.json`, `model.safetensors`), with its tokenizer.
///
/// Immutable after loading, so one instance can serve concurrent callers; how many cores a
/// forward pass uses is a process-wide setting (`Blas.setThreads`).
public final class EncoderModel: Sendable {
    public let directory: String
    public let config: BertConfig
    public let tokenizer: WordPieceTokenizer
    public let encoder: BertEncoder
    /// What identifies these weights in cache keys: the directory name, the weights' size and
    /// modification time, and SHA-256s of config.json and the vocabulary.
    public let identity: JSONValue
    /// sentence-transformers' `max_seq_length` (sentence_bert_config.json), else 256.
    public let sentenceMaxLength: Int

    /// Loads `directory`; a missing or damaged file is an error that says to run `make models`.
    public init(directory: String) throws {
        self.directory = directory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ModelError.missingFile(path: directory)
        }
        let path = { (name: String) in (directory as NSString).appendingPathComponent(name) }
        config = try BertConfig.load(path: path("config.json"))
        let vocabulary: Vocabulary
        let vocabPath: String
        if FileManager.default.fileExists(atPath: path("vocab.txt")) {
            vocabPath = path("vocab.txt")
            vocabulary = try Vocabulary.load(vocabTxt: vocabPath)
        } else {
            vocabPath = path("tokenizer.json")
            vocabulary = try Vocabulary.load(tokenizerJSON: vocabPath)
        }
        guard vocabulary.tokens.count == config.vocabSize else {
            throw ModelError.corrupt(path: vocabPath, reason: "\(vocabulary.tokens.count) tokens, but config.json says vocab_size \(config.vocabSize)")
        }
        tokenizer = WordPieceTokenizer(vocabulary: vocabulary, lowercase: Self.lowercases(directory: directory))
        let positions = config.maxPositions
        sentenceMaxLength = FileManager.default.contents(atPath: path("sentence_bert_config.json"))
            .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
            .flatMap { $0["max_seq_length"] as? Int }.map { min($0, positions) } ?? min(256, positions)
        let weightsPath = path("model.safetensors")
        let file = try SafeTensors(path: weightsPath)
        encoder = BertEncoder(config: config, weights: try BertWeights(file: file, config: config))
        let attributes = (try? FileManager.default.attributesOfItem(atPath: weightsPath)) ?? [:]
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        identity = .object([
            "encoder": .string("blendlab-bert/1"),
            "name": .string((directory as NSString).lastPathComponent),
            "weights_bytes": .int(file.file.count),
            "weights_mtime": .double(modified),
            "config_sha256": .string(SHA256.hex(bytes: Array(FileManager.default.contents(atPath: path("config.json")) ?? Data()))),
            "vocab_sha256": .string(SHA256.hex(bytes: Array(FileManager.default.contents(atPath: vocabPath) ?? Data()))),
        ])
    }

    /// `do_lower_case` from tokenizer_config.json, else the normaliser's `lowercase` in
    /// tokenizer.json, else true (uncased BERT).
    static func lowercases(directory: String) -> Bool {
        let path = { (name: String) in (directory as NSString).appendingPathComponent(name) }
        if let data = FileManager.default.contents(atPath: path("tokenizer_config.json")),
           let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let lower = object["do_lower_case"] as? Bool {
            return lower
        }
        if let data = FileManager.default.contents(atPath: path("tokenizer.json")),
           let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
           let normalizer = object["normalizer"] as? [String: Any], let lower = normalizer["lowercase"] as? Bool {
            return lower
        }
        return true
    }
}

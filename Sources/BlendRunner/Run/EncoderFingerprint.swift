import BlendCore
import BlendStore
import Foundation

/// The identity of an encoder's files for cache keys: per file of a model directory that
/// determines the encoder's outputs (weights, tokenizer, config), its SHA-256. Hashing the
/// weights (90 MB for MiniLM) costs about a second, so each file's digest is remembered under
/// its (absolute path, size, modification time, inode): in memory for the process, and in the
/// store (stage `file-sha256`), so a cached re-run only stats the files. A file rewritten in
/// place gets a new modification time and is hashed again.
enum EncoderFingerprint {
    /// The files read by the native encoders (BlendModels' `EncoderModel` and `PairRMModel`),
    /// where present.
    static let files = ["model.safetensors", "config.json", "vocab.txt", "tokenizer.json", "tokenizer_config.json",
                        "sentence_bert_config.json", "spm.model", "added_tokens.json"]

    private static let memo = Memo()

    /// `{"files": {"config.json": sha256, ...}}` for the files of `directory` that exist;
    /// `{"missing": true}` when the directory has none of them (the run will fail to load it).
    /// A paper-era ranker checkpoint (config.json with `ranker_type`) whose `model_name` is a
    /// local backbone directory adds `"backbone"`: that directory's identity (its config and
    /// tokenizer are read too).
    static func of(directory: String, store: CacheStore?) throws -> JSONValue {
        var digests: [String: JSONValue] = [:]
        for name in files {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let stat = FileStat(path: path) else { continue }
            digests[name] = .string(try digest(path: path, stat: stat, store: store))
        }
        guard !digests.isEmpty else { return .object(["missing": .bool(true)]) }
        var identity: [String: JSONValue] = ["files": .object(digests)]
        if let backbone = backboneDirectory(of: directory) { identity["backbone"] = try of(directory: backbone, store: store) }
        return .object(identity)
    }

    /// `model_name` of a ranker-config checkpoint where it is a local directory with a
    /// config.json, looked up as BlendModels' `PairRMCheckpoint` does (absolute, relative to the
    /// checkpoint, relative to the working directory).
    static func backboneDirectory(of directory: String) -> String? {
        let config = (directory as NSString).appendingPathComponent("config.json")
        guard let data = FileManager.default.contents(atPath: config),
              let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              object["ranker_type"] != nil, let name = object["model_name"] as? String, !name.isEmpty else { return nil }
        let candidates = name.hasPrefix("/") ? [name] : [(directory as NSString).appendingPathComponent(name), name]
        return candidates.first { FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent("config.json")) }
    }

    static func digest(path: String, stat: FileStat, store: CacheStore?) throws -> String {
        if let known = memo.get(stat) { return known }
        let key = CacheKey(stage: "file-sha256", component: "file", fields: stat.json)
        if let store, let data = try store.values(for: [key])[key.digest], let text = String(data: data, encoding: .utf8) {
            memo.set(stat, text)
            return text
        }
        guard let bytes = FileManager.default.contents(atPath: path) else { throw RunnerError.unreadableModelFile(path: path) }
        let hex = SHA256.hex(bytes: SHA256.digest(bytes))
        try store?.store([(key, Data(hex.utf8))])
        memo.set(stat, hex)
        return hex
    }

    /// What identifies one version of a file without reading it.
    struct FileStat: Hashable, Sendable {
        var path: String
        var size: Int
        var modified: Double
        var inode: Int

        init?(path: String) {
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            guard let a = try? FileManager.default.attributesOfItem(atPath: absolute),
                  (a[.type] as? FileAttributeType) != .typeDirectory else { return nil }
            self.path = absolute
            size = (a[.size] as? NSNumber)?.intValue ?? 0
            modified = (a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            inode = (a[.systemFileNumber] as? NSNumber)?.intValue ?? 0
        }

        var json: JSONValue {
            .object(["path": .string(path), "size": .int(size), "mtime": .double(modified), "inode": .int(inode)])
        }
    }

    final class Memo: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [FileStat: String] = [:]
        func get(_ s: FileStat) -> String? { lock.withLock { values[s] } }
        func set(_ s: FileStat, _ v: String) { lock.withLock { values[s] = v } }
    }
}

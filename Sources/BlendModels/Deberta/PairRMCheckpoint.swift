import Foundation

/// What a PairRM/PairRanker checkpoint directory holds, in either of LLM-Blender's two layouts:
///
/// - **PairRM-hf** (`llm-blender/PairRM-hf`): `config.json` is a DeBERTa-v2 config with
///   `n_tasks` and the prefix ids (`source_prefix_id`, `cand1_prefix_id`, ...); the tokenizer
///   (`spm.model`, `added_tokens.json`) sits beside it; no lengths (upstream's defaults 1224/412).
/// - **ranker config** (the paper's `llm-blender/pair-ranker` and `llm-blender/PairRM`):
///   `config.json` is upstream's `RankerConfig` (`ranker_type: pairranker`, `model_type`,
///   `model_name`, `source_maxlength`, `candidate_maxlength`, `n_tasks`); the DeBERTa config and
///   tokenizer are the backbone's, `model_name`: a local directory (relative to the checkpoint,
///   then to the working directory) or `microsoft/deberta-v3-large`, whose published config is
///   built in. A `spm.model` in the checkpoint directory wins over the backbone's. The four
///   prefixes are added after the tokenizer's last id as upstream's collator does, and the
///   vocabulary size is the embedding matrix's rows (upstream resizes it to the tokenizer).
///
/// Both keep the weights in `model.safetensors` under `pretrained_model.` and `head_layer.`;
/// a `pytorch_model.bin` is refused with the one command that converts it.
public struct PairRMCheckpoint: Sendable {
    public enum Layout: String, Sendable { case pairRMhf = "PairRM-hf", rankerConfig = "ranker config" }

    public let directory: String
    public let layout: Layout
    public let config: DebertaConfig
    public let tokenizer: DebertaTokenizer
    public let tasks: Int
    /// The checkpoint's own truncation (ranker config), or upstream's PairRM-hf defaults.
    public let sourceMaxLength: Int, candidateMaxLength: Int
    public let weights: String

    public static let prefixes = ["<|source|>", "<|candidate1|>", "<|candidate2|>", "<|candidate|>"]
    /// Backbones named by `model_name` whose config is built in (their published `config.json`).
    public static var knownBackbones: [String: [String: Any]] { [
        "microsoft/deberta-v3-large": [
            "model_type": "deberta-v2", "hidden_act": "gelu", "hidden_size": 1024, "intermediate_size": 4096,
            "max_position_embeddings": 512, "relative_attention": true, "position_buckets": 256,
            "norm_rel_ebd": "layer_norm", "share_att_key": true, "pos_att_type": "p2c|c2p", "layer_norm_eps": 1e-7,
            "max_relative_positions": -1, "position_biased_input": false, "num_attention_heads": 16,
            "num_hidden_layers": 24, "type_vocab_size": 0, "vocab_size": 128100,
        ],
    ] }

    public init(directory: String) throws {
        self.directory = directory
        let path = { (name: String) in (directory as NSString).appendingPathComponent(name) }
        weights = path("model.safetensors")
        let fm = FileManager.default
        if !fm.fileExists(atPath: weights), fm.fileExists(atPath: path("pytorch_model.bin")) {
            throw ModelError.unsupported("\(path("pytorch_model.bin")) is a PyTorch pickle; convert it once to model.safetensors: python3 -c \"import torch; from safetensors.torch import save_file; save_file({k: v.float().contiguous() for k, v in torch.load('\(path("pytorch_model.bin"))', map_location='cpu').items()}, '\(weights)')\"")
        }
        let configPath = path("config.json")
        guard let data = fm.contents(atPath: configPath) else { throw ModelError.missingFile(path: configPath) }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw ModelError.corrupt(path: configPath, reason: "not a JSON object")
        }
        tasks = object["n_tasks"] as? Int ?? 1
        guard tasks >= 1 else { throw ModelError.invalidArgument("\(configPath): n_tasks must be at least 1") }
        if object["ranker_type"] != nil {
            layout = .rankerConfig
            let ranker = RankerKeys(object: object, path: configPath)
            let type = try ranker.string("ranker_type"), modelType = try ranker.string("model_type")
            guard type == "pairranker" else {
                throw ModelError.unsupported("\(configPath): ranker_type '\(type)'; only pairranker (PairRanker, PairRM) is implemented")
            }
            guard modelType.hasPrefix("deberta"), !modelType.hasPrefix("deberta-rm") else {
                throw ModelError.unsupported("\(configPath): model_type '\(modelType)'; only DeBERTa backbones (deberta) are implemented")
            }
            sourceMaxLength = try ranker.int("source_maxlength")
            candidateMaxLength = try ranker.int("candidate_maxlength")
            let (backbone, backboneDirectory) = try Self.backbone(named: try ranker.string("model_name"), checkpoint: directory, path: configPath)
            let file = try SafeTensors(path: weights)
            let rows = file.entries["pretrained_model.embeddings.word_embeddings.weight"]?.shape.first
            var resized = backbone
            if let rows { resized["vocab_size"] = rows }
            config = try DebertaConfig(resized, path: backboneDirectory.map { ($0 as NSString).appendingPathComponent("config.json") } ?? configPath)
            let tokenizerDirectory = fm.fileExists(atPath: path("spm.model")) ? directory : backboneDirectory
            guard let tokenizerDirectory else {
                throw ModelError.invalidArgument("\(directory) has no spm.model and its backbone '\(try ranker.string("model_name"))' is not a local directory: copy the backbone's SentencePiece model (microsoft/deberta-v3-large's spm.model) into \(directory)")
            }
            tokenizer = try DebertaTokenizer(directory: tokenizerDirectory).adding(Self.prefixes)
        } else {
            layout = .pairRMhf
            config = try DebertaConfig(object, path: configPath)
            tokenizer = try DebertaTokenizer(directory: directory)
            sourceMaxLength = 1224
            candidateMaxLength = 412
            for (key, token) in zip(["source_prefix_id", "cand1_prefix_id", "cand2_prefix_id"], Self.prefixes) {
                guard let id = tokenizer.added[token] else { throw ModelError.corrupt(path: path("added_tokens.json"), reason: "it has no \(token)") }
                if let declared = object[key] as? Int, declared != Int(id) {
                    throw ModelError.corrupt(path: configPath, reason: "\(key) is \(declared) but the tokenizer gives \(token) id \(id)")
                }
            }
        }
        guard tokenizer.vocabularyCount <= config.vocabSize else {
            throw ModelError.corrupt(path: configPath, reason: "the tokenizer has \(tokenizer.vocabularyCount) ids but vocab_size is \(config.vocabSize): the embeddings do not cover the added tokens")
        }
    }

    /// The id of one of `prefixes` (present in both layouts once loaded).
    func id(of prefix: String) throws -> Int32 {
        guard let id = tokenizer.added[prefix] else { throw ModelError.corrupt(path: directory, reason: "the tokenizer has no \(prefix)") }
        return id
    }

    /// Upstream `RankerConfig` keys, with errors naming the file.
    struct RankerKeys {
        let object: [String: Any], path: String
        func string(_ key: String) throws -> String {
            guard let v = object[key] as? String, !v.isEmpty else { throw ModelError.invalidArgument("\(path): \(key) must be a string (upstream's RankerConfig)") }
            return v
        }
        func int(_ key: String) throws -> Int {
            guard let v = object[key] as? Int, v >= 2 else { throw ModelError.invalidArgument("\(path): \(key) must be an integer of at least 2 (upstream's RankerConfig)") }
            return v
        }
    }

    /// The backbone's DeBERTa config and, when local, its directory.
    static func backbone(named name: String, checkpoint: String, path: String) throws -> ([String: Any], String?) {
        let candidates = name.hasPrefix("/") ? [name] : [(checkpoint as NSString).appendingPathComponent(name), name]
        for dir in candidates {
            let config = (dir as NSString).appendingPathComponent("config.json")
            guard let data = FileManager.default.contents(atPath: config) else { continue }
            guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
                throw ModelError.corrupt(path: config, reason: "not a JSON object")
            }
            return (object, dir)
        }
        if let known = knownBackbones[name] { return (known, nil) }
        throw ModelError.unsupported("\(path): model_name '\(name)' is neither a directory with a config.json (looked in \(candidates.joined(separator: ", "))) nor a built-in backbone (\(knownBackbones.keys.sorted().joined(separator: ", "))); put the backbone's config.json and spm.model in a directory and name it in model_name")
    }
}

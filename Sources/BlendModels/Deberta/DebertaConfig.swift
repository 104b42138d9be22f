import Foundation

/// A DeBERTa-v2/v3 encoder's `config.json` (`model_type: deberta-v2`), with every key that
/// changes the forward pass. Values the native encoder does not implement are refused when
/// loading, with the key and what is supported: `hidden_act` other than `gelu`,
/// `conv_kernel_size` > 0, `p2p` in `pos_att_type`, an `attention_head_size` that is not
/// hidden_size / heads, an unknown `norm_rel_ebd`.
public struct DebertaConfig: Sendable, Hashable {
    public var vocabSize: Int
    public var hiddenSize: Int
    public var layers: Int
    public var heads: Int
    public var intermediateSize: Int
    public var maxPositions: Int
    public var typeVocabSize: Int
    public var layerNormEps: Double
    /// The word embedding width (`embedding_size`, default hidden_size); when it differs, the
    /// embeddings go through `embed_proj` (no bias).
    public var embeddingSize: Int
    public var positionBiasedInput: Bool
    public var relativeAttention: Bool
    /// `max_relative_positions`, or `max_position_embeddings` when below 1.
    public var maxRelativePositions: Int
    /// `position_buckets` (> 0: log buckets); -1 when absent.
    public var positionBuckets: Int
    public var c2p: Bool
    public var p2c: Bool
    public var shareAttentionKey: Bool
    public var normalizeRelativeEmbeddings: Bool

    public var headSize: Int { hiddenSize / heads }
    /// The number of relative-position embedding rows used on each side: `position_buckets`
    /// when bucketed, else `max_relative_positions`.
    public var attentionSpan: Int { positionBuckets > 0 ? positionBuckets : maxRelativePositions }
    /// 1 + one per positional attention term: scores are divided by sqrt(head size x this).
    public var scaleFactor: Int { 1 + (c2p ? 1 : 0) + (p2c ? 1 : 0) }

    /// Reads and validates `config.json` at `path`.
    public static func load(path: String) throws -> DebertaConfig {
        guard let data = FileManager.default.contents(atPath: path) else { throw ModelError.missingFile(path: path) }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw ModelError.corrupt(path: path, reason: "not a JSON object")
        }
        return try DebertaConfig(object, path: path)
    }

    init(_ o: [String: Any], path: String) throws {
        func int(_ key: String, _ fallback: Int? = nil) throws -> Int {
            if let v = o[key] as? Int { return v }
            if o[key] == nil || o[key] is NSNull, let fallback { return fallback }
            throw ModelError.corrupt(path: path, reason: "\(key) must be an integer")
        }
        func bool(_ key: String, _ fallback: Bool) throws -> Bool {
            guard let v = o[key], !(v is NSNull) else { return fallback }
            guard let b = v as? Bool else { throw ModelError.corrupt(path: path, reason: "\(key) must be true or false") }
            return b
        }
        func unsupported(_ what: String) -> ModelError { .unsupported("\(path): \(what)") }
        let type = o["model_type"] as? String ?? "deberta-v2"
        guard type == "deberta-v2" else { throw unsupported("model_type '\(type)'; the native DeBERTa encoder reads deberta-v2 (DeBERTa-v2 and v3) configs") }
        vocabSize = try int("vocab_size")
        hiddenSize = try int("hidden_size")
        layers = try int("num_hidden_layers")
        heads = try int("num_attention_heads")
        intermediateSize = try int("intermediate_size")
        maxPositions = try int("max_position_embeddings", 512)
        typeVocabSize = try int("type_vocab_size", 0)
        layerNormEps = (o["layer_norm_eps"] as? Double) ?? 1e-7
        embeddingSize = try int("embedding_size", hiddenSize)
        positionBiasedInput = try bool("position_biased_input", true)
        relativeAttention = try bool("relative_attention", false)
        let maxRelative = try int("max_relative_positions", -1)
        maxRelativePositions = maxRelative < 1 ? maxPositions : maxRelative
        positionBuckets = try int("position_buckets", -1)
        shareAttentionKey = try bool("share_att_key", false)
        let act = o["hidden_act"] as? String ?? "gelu"
        guard act == "gelu" else { throw unsupported("hidden_act '\(act)'; only 'gelu' (erf) is implemented") }
        guard heads > 0, hiddenSize % heads == 0 else {
            throw ModelError.corrupt(path: path, reason: "hidden_size \(hiddenSize) is not divisible by \(heads) heads")
        }
        if let size = o["attention_head_size"] as? Int, size != hiddenSize / heads {
            throw unsupported("attention_head_size \(size); only hidden_size / num_attention_heads (\(hiddenSize / heads)) is implemented")
        }
        let conv = try int("conv_kernel_size", 0)
        guard conv <= 0 else { throw unsupported("conv_kernel_size \(conv) (the convolution layer of DeBERTa-v2-xlarge); only 0 is implemented") }
        let kinds: [String]
        switch o["pos_att_type"] {
        case let s as String: kinds = s.lowercased().split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        case let a as [String]: kinds = a.map { $0.lowercased() }
        case nil, is NSNull: kinds = []
        default: throw ModelError.corrupt(path: path, reason: "pos_att_type must be a string such as \"p2c|c2p\" or a list")
        }
        if let other = kinds.first(where: { $0 != "c2p" && $0 != "p2c" && !$0.isEmpty }) {
            throw unsupported("pos_att_type '\(other)'; only c2p and p2c are implemented")
        }
        c2p = kinds.contains("c2p")
        p2c = kinds.contains("p2c")
        let norms = ((o["norm_rel_ebd"] as? String) ?? "none").lowercased().split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        if let other = norms.first(where: { $0 != "layer_norm" && $0 != "none" && !$0.isEmpty }) {
            throw unsupported("norm_rel_ebd '\(other)'; only layer_norm and none are implemented")
        }
        normalizeRelativeEmbeddings = norms.contains("layer_norm")
        guard vocabSize > 0, layers > 0, intermediateSize > 0 else {
            throw ModelError.corrupt(path: path, reason: "vocab_size, num_hidden_layers and intermediate_size must be positive")
        }
    }
}

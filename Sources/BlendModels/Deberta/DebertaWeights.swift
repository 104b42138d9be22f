/// The tensors of a DeBERTa-v2/v3 encoder (`DebertaV2Model`'s state dict), as views into the
/// memory-mapped safetensors file. Names may carry a prefix (`pretrained_model.` in PairRM-hf,
/// `deberta.` in task models); `config` decides which optional tensors must be present.
public struct DebertaWeights: Sendable {
    public typealias Linear = BertWeights.Linear
    public typealias Norm = BertWeights.Norm

    public struct Layer: Sendable {
        public let query: Linear, key: Linear, value: Linear
        /// Separate position projections (`share_att_key: false`); nil when shared or unused.
        public let positionKey: Linear?, positionQuery: Linear?
        public let attentionOutput: Linear
        public let attentionNorm: Norm
        public let intermediate: Linear
        public let output: Linear
        public let outputNorm: Norm
    }

    public let wordEmbeddings: TensorView
    public let positionEmbeddings: TensorView?
    public let typeEmbeddings: TensorView?
    /// `embed_proj` `[hidden × embedding_size]`, no bias; nil when the sizes agree.
    public let embeddingProjection: TensorView?
    public let embeddingNorm: Norm
    /// `encoder.rel_embeddings` `[2 × span, hidden]`; nil without relative attention.
    public let relativeEmbeddings: TensorView?
    public let relativeNorm: Norm?
    public let layers: [Layer]

    /// Reads every tensor `config` calls for under `prefix`.
    public init(file: SafeTensors, config: DebertaConfig, prefix: String) throws {
        let h = config.hiddenSize, e = config.embeddingSize, i = config.intermediateSize
        func linear(_ name: String, _ outputs: Int, _ inputs: Int) throws -> Linear {
            Linear(weight: try file.tensor(prefix + name + ".weight", shape: [outputs, inputs]),
                   bias: try file.tensor(prefix + name + ".bias", shape: [outputs]), outputs: outputs, inputs: inputs)
        }
        func norm(_ name: String) throws -> Norm {
            Norm(gamma: try file.tensor(prefix + name + ".weight", shape: [h]), beta: try file.tensor(prefix + name + ".bias", shape: [h]))
        }
        wordEmbeddings = try file.tensor(prefix + "embeddings.word_embeddings.weight", shape: [config.vocabSize, e])
        positionEmbeddings = config.positionBiasedInput
            ? try file.tensor(prefix + "embeddings.position_embeddings.weight", shape: [config.maxPositions, e]) : nil
        typeEmbeddings = config.typeVocabSize > 0
            ? try file.tensor(prefix + "embeddings.token_type_embeddings.weight", shape: [config.typeVocabSize, e]) : nil
        embeddingProjection = e != h ? try file.tensor(prefix + "embeddings.embed_proj.weight", shape: [h, e]) : nil
        embeddingNorm = try norm("embeddings.LayerNorm")
        if config.relativeAttention {
            relativeEmbeddings = try file.tensor(prefix + "encoder.rel_embeddings.weight", shape: [2 * config.attentionSpan, h])
            relativeNorm = config.normalizeRelativeEmbeddings ? try norm("encoder.LayerNorm") : nil
        } else {
            relativeEmbeddings = nil
            relativeNorm = nil
        }
        let separate = config.relativeAttention && !config.shareAttentionKey
        layers = try (0..<config.layers).map { n in
            let p = "encoder.layer.\(n)."
            return Layer(query: try linear(p + "attention.self.query_proj", h, h), key: try linear(p + "attention.self.key_proj", h, h),
                         value: try linear(p + "attention.self.value_proj", h, h),
                         positionKey: separate && config.c2p ? try linear(p + "attention.self.pos_key_proj", h, h) : nil,
                         positionQuery: separate && config.p2c ? try linear(p + "attention.self.pos_query_proj", h, h) : nil,
                         attentionOutput: try linear(p + "attention.output.dense", h, h),
                         attentionNorm: try norm(p + "attention.output.LayerNorm"),
                         intermediate: try linear(p + "intermediate.dense", i, h),
                         output: try linear(p + "output.dense", h, i), outputNorm: try norm(p + "output.LayerNorm"))
        }
    }
}

/// The tensors of a BERT encoder, as views into the memory-mapped safetensors file.
/// Linear weights are `[out, in]` (PyTorch's layout), so products use `B^T`.
public struct BertWeights: Sendable {
    public struct Linear: Sendable {
        public let weight: TensorView
        public let bias: TensorView
        public let outputs: Int
        public let inputs: Int
    }

    public struct Norm: Sendable {
        public let gamma: TensorView
        public let beta: TensorView
    }

    public struct Layer: Sendable {
        public let query: Linear, key: Linear, value: Linear
        public let attentionOutput: Linear
        public let attentionNorm: Norm
        public let intermediate: Linear
        public let output: Linear
        public let outputNorm: Norm
    }

    public let wordEmbeddings: TensorView
    public let positionEmbeddings: TensorView
    public let typeEmbeddings: TensorView
    public let embeddingNorm: Norm
    public let layers: [Layer]

    /// Reads every tensor `config` calls for; names may carry a `bert.` prefix.
    public init(file: SafeTensors, config: BertConfig) throws {
        let prefix = file.entries["embeddings.word_embeddings.weight"] != nil ? "" : "bert."
        let h = config.hiddenSize, i = config.intermediateSize
        func linear(_ name: String, _ outputs: Int, _ inputs: Int) throws -> Linear {
            Linear(weight: try file.tensor(prefix + name + ".weight", shape: [outputs, inputs]),
                   bias: try file.tensor(prefix + name + ".bias", shape: [outputs]), outputs: outputs, inputs: inputs)
        }
        func norm(_ name: String) throws -> Norm {
            Norm(gamma: try file.tensor(prefix + name + ".weight", shape: [h]), beta: try file.tensor(prefix + name + ".bias", shape: [h]))
        }
        wordEmbeddings = try file.tensor(prefix + "embeddings.word_embeddings.weight", shape: [config.vocabSize, h])
        positionEmbeddings = try file.tensor(prefix + "embeddings.position_embeddings.weight", shape: [config.maxPositions, h])
        typeEmbeddings = try file.tensor(prefix + "embeddings.token_type_embeddings.weight", shape: [config.typeVocabSize, h])
        embeddingNorm = try norm("embeddings.LayerNorm")
        layers = try (0..<config.layers).map { n in
            let p = "encoder.layer.\(n)."
            return Layer(query: try linear(p + "attention.self.query", h, h), key: try linear(p + "attention.self.key", h, h),
                         value: try linear(p + "attention.self.value", h, h),
                         attentionOutput: try linear(p + "attention.output.dense", h, h),
                         attentionNorm: try norm(p + "attention.output.LayerNorm"),
                         intermediate: try linear(p + "intermediate.dense", i, h),
                         output: try linear(p + "output.dense", h, i), outputNorm: try norm(p + "output.LayerNorm"))
        }
    }
}

import Foundation

/// LLM-Blender's PairRM (`DebertaV2PairRM`, PairRM-hf layout; digest 2.1, 2.2) on the native
/// DeBERTa encoder: the input is upstream's `tokenize_pair` — `[CLS] <|source|> x [SEP]` truncated
/// to `source_max_length` (1224) ids, then each candidate `[CLS] <|candidate1|> y [SEP]` /
/// `[CLS] <|candidate2|> y [SEP]` truncated to `(source_max_length + 2·candidate_max_length -
/// len(source ids)) / 2` — and the last hidden states at the three prefix tokens feed the head
/// `Linear(2H→H) → tanh → Linear(H→n_tasks)` on `[h_src ; h_c]`:
/// logit = mean over tasks of head([h_src ; h_c1]) − head([h_src ; h_c2]) (> 0: candidate 1 wins).
public final class PairRMModel: Sendable {
    public let directory: String
    public let config: DebertaConfig
    public let tokenizer: DebertaTokenizer
    public let encoder: DebertaEncoder
    public let tasks: Int
    public let sourceMaxLength: Int, candidateMaxLength: Int
    let sourceID: Int32, cand1ID: Int32, cand2ID: Int32
    let hidden1: DebertaWeights.Linear, hidden2: DebertaWeights.Linear
    public static let prefixes = ["<|source|>", "<|candidate1|>", "<|candidate2|>", "<|candidate|>"]

    public init(directory: String, sourceMaxLength: Int = 1224, candidateMaxLength: Int = 412) throws {
        self.directory = directory
        let path = { (name: String) in (directory as NSString).appendingPathComponent(name) }
        let weights = path("model.safetensors")
        if !FileManager.default.fileExists(atPath: weights), FileManager.default.fileExists(atPath: path("pytorch_model.bin")) {
            throw ModelError.unsupported("\(path("pytorch_model.bin")) is a PyTorch pickle; convert it once to model.safetensors: python3 -c \"import torch; from safetensors.torch import save_file; save_file({k: v.float().contiguous() for k, v in torch.load('\(path("pytorch_model.bin"))', map_location='cpu').items()}, '\(weights)')\"")
        }
        config = try DebertaConfig.load(path: path("config.json"))
        let tokenizer = try DebertaTokenizer(directory: directory)
        self.tokenizer = tokenizer
        guard tokenizer.vocabularyCount <= config.vocabSize else {
            throw ModelError.corrupt(path: path("config.json"), reason: "the tokenizer has \(tokenizer.vocabularyCount) ids but vocab_size is \(config.vocabSize): the embeddings do not cover the added tokens")
        }
        let object = (FileManager.default.contents(atPath: path("config.json")).flatMap { try? JSONSerialization.jsonObject(with: $0) }) as? [String: Any] ?? [:]
        tasks = object["n_tasks"] as? Int ?? 1
        func prefix(_ key: String, _ token: String) throws -> Int32 {
            guard let id = tokenizer.added[token] else { throw ModelError.corrupt(path: path("added_tokens.json"), reason: "it has no \(token)") }
            if let declared = object[key] as? Int, declared != Int(id) {
                throw ModelError.corrupt(path: path("config.json"), reason: "\(key) is \(declared) but the tokenizer gives \(token) id \(id)")
            }
            return id
        }
        sourceID = try prefix("source_prefix_id", "<|source|>")
        cand1ID = try prefix("cand1_prefix_id", "<|candidate1|>")
        cand2ID = try prefix("cand2_prefix_id", "<|candidate2|>")
        self.sourceMaxLength = sourceMaxLength
        self.candidateMaxLength = candidateMaxLength
        let file = try SafeTensors(path: weights)
        let h = config.hiddenSize
        encoder = DebertaEncoder(config: config, weights: try DebertaWeights(file: file, config: config, prefix: "pretrained_model."))
        hidden1 = DebertaWeights.Linear(weight: try file.tensor("head_layer.1.weight", shape: [h, 2 * h]),
                                        bias: try file.tensor("head_layer.1.bias", shape: [h]), outputs: h, inputs: 2 * h)
        hidden2 = DebertaWeights.Linear(weight: try file.tensor("head_layer.4.weight", shape: [tasks, h]),
                                        bias: try file.tensor("head_layer.4.bias", shape: [tasks]), outputs: tasks, inputs: h)
    }

    /// `tokenize_pair` for one pair (unpadded). A text containing one of the four prefix tokens
    /// is an error: it would break the one-prefix-per-segment structure.
    public func pairIDs(source: String, a: String, b: String) throws -> [Int32] {
        for (name, text) in [("source", source), ("candidate a", a), ("candidate b", b)] {
            if let token = Self.prefixes.first(where: { text.contains($0) }) {
                throw ModelError.invalidArgument("the \(name) text contains the reserved token \(token); remove it (PairRM marks its segments with it)")
            }
        }
        let s = tokenizer.encode("<|source|>" + source, maxLength: sourceMaxLength)
        let budget = (sourceMaxLength + 2 * candidateMaxLength - s.count) / 2
        return s + tokenizer.encode("<|candidate1|>" + a, maxLength: budget) + tokenizer.encode("<|candidate2|>" + b, maxLength: budget)
    }

    /// The logit that `a` beats `b` for each (source, a, b), one packed encoder pass.
    public func logits(_ pairs: [(source: String, a: String, b: String)]) throws -> [Double] {
        let ids = try pairs.map { try pairIDs(source: $0.source, a: $0.a, b: $0.b) }
        guard !ids.isEmpty else { return [] }
        let states = try encoder.hiddenStates(ids)
        let h = config.hiddenSize
        var start = 0
        return ids.map { seq in
            defer { start += seq.count }
            func row(_ id: Int32) -> ArraySlice<Float> {
                let at = start + (seq.firstIndex(of: id) ?? 0)
                return states[(at * h)..<((at + 1) * h)]
            }
            let src = row(sourceID)
            let left = head(Array(src + row(cand1ID))), right = head(Array(src + row(cand2ID)))
            return zip(left, right).reduce(0) { $0 + Double($1.0 - $1.1) } / Double(tasks)
        }
    }

    func head(_ input: [Float]) -> [Float] {
        var mid = [Float](repeating: 0, count: config.hiddenSize), out = [Float](repeating: 0, count: tasks)
        input.withUnsafeBufferPointer { i in
            mid.withUnsafeMutableBufferPointer { m in
                guard let ip = i.baseAddress, let mp = m.baseAddress else { return }
                Blas.linear(hidden1, input: ip, rows: 1, output: mp)
                for j in 0..<config.hiddenSize { mp[j] = Foundation.tanh(mp[j]) }
            }
        }
        mid.withUnsafeBufferPointer { m in
            out.withUnsafeMutableBufferPointer { o in
                guard let mp = m.baseAddress, let op = o.baseAddress else { return }
                Blas.linear(hidden2, input: mp, rows: 1, output: op)
            }
        }
        return out
    }
}

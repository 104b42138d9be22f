import Foundation

/// LLM-Blender's pairwise rankers (PairRM, PairRM-hf and the paper's PairRanker; the layouts in
/// `PairRMCheckpoint`; digest 2.1, 2.2) on the native DeBERTa encoder. The input is upstream's —
/// PairRM-hf's `tokenize_pair` and the paper-era `CrossCompareCollator` build the same ids:
/// `[CLS] <|source|> x [SEP]` truncated to `sourceMaxLength` ids, then each candidate
/// `[CLS] <|candidate1|> y [SEP]` / `[CLS] <|candidate2|> y [SEP]` truncated to
/// `candidateMaxLength + (sourceMaxLength - len(source ids)) / 2` (the collator encodes
/// `<|candidate|>` and swaps its id for candidate1/2; the collator also turns a typed `[SEP]` in
/// any text into a space). The last hidden states at the three prefix tokens feed the head
/// `Linear(2H→H) → tanh → Linear(H→n_tasks)` on `[h_src ; h_c]`:
/// logit = mean over tasks of head([h_src ; h_c1]) − head([h_src ; h_c2]) (> 0: candidate 1 wins).
public final class PairRMModel: Sendable {
    public let checkpoint: PairRMCheckpoint
    public let encoder: DebertaEncoder
    public let sourceMaxLength: Int, candidateMaxLength: Int
    let sourceID: Int32, cand1ID: Int32, cand2ID: Int32
    let hidden1: DebertaWeights.Linear, hidden2: DebertaWeights.Linear
    public var config: DebertaConfig { checkpoint.config }
    public var tokenizer: DebertaTokenizer { checkpoint.tokenizer }
    public var tasks: Int { checkpoint.tasks }
    public static var prefixes: [String] { PairRMCheckpoint.prefixes }

    /// The checkpoint in `directory`, truncating as it declares unless lengths are given.
    public init(directory: String, sourceMaxLength: Int? = nil, candidateMaxLength: Int? = nil) throws {
        checkpoint = try PairRMCheckpoint(directory: directory)
        sourceID = try checkpoint.id(of: "<|source|>")
        cand1ID = try checkpoint.id(of: "<|candidate1|>")
        cand2ID = try checkpoint.id(of: "<|candidate2|>")
        self.sourceMaxLength = sourceMaxLength ?? checkpoint.sourceMaxLength
        self.candidateMaxLength = candidateMaxLength ?? checkpoint.candidateMaxLength
        let file = try SafeTensors(path: checkpoint.weights)
        let config = checkpoint.config, h = config.hiddenSize, tasks = checkpoint.tasks
        encoder = DebertaEncoder(config: config, weights: try DebertaWeights(file: file, config: config, prefix: "pretrained_model."))
        hidden1 = DebertaWeights.Linear(weight: try file.tensor("head_layer.1.weight", shape: [h, 2 * h]),
                                        bias: try file.tensor("head_layer.1.bias", shape: [h]), outputs: h, inputs: 2 * h)
        hidden2 = DebertaWeights.Linear(weight: try file.tensor("head_layer.4.weight", shape: [tasks, h]),
                                        bias: try file.tensor("head_layer.4.bias", shape: [tasks]), outputs: tasks, inputs: h)
    }

    /// The ids of one pair (unpadded). A text containing one of the four prefix tokens is an
    /// error: it would break the one-prefix-per-segment structure.
    public func pairIDs(source: String, a: String, b: String) throws -> [Int32] {
        for (name, text) in [("source", source), ("candidate a", a), ("candidate b", b)] {
            if let token = Self.prefixes.first(where: { text.contains($0) }) {
                throw ModelError.invalidArgument("the \(name) text contains the reserved token \(token); remove it (PairRM marks its segments with it)")
            }
        }
        let typedSeparators = checkpoint.layout == .rankerConfig
        let clean = { (text: String) in typedSeparators ? text.replacingOccurrences(of: "[SEP]", with: " ") : text }
        let s = tokenizer.encode("<|source|>" + clean(source), maxLength: sourceMaxLength)
        let budget = (sourceMaxLength + 2 * candidateMaxLength - s.count) / 2
        return s + tokenizer.encode("<|candidate1|>" + clean(a), maxLength: budget) + tokenizer.encode("<|candidate2|>" + clean(b), maxLength: budget)
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

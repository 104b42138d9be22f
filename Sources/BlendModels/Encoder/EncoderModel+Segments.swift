extension EncoderModel {
    /// Cross-encodes `[CLS] source [SEP] a [SEP] b [SEP]`, each segment truncated to its budget,
    /// with token type 0 for `[CLS] source [SEP]` and 1 for the rest (2 for B when the model has
    /// three token types), and returns the mean of each segment's final hidden states. The API a
    /// pairwise cross-encoder ranker builds on. With `b` nil the input is `[CLS] source [SEP] a
    /// [SEP]` (a pointwise cross-encoder's) and `candidateB` is empty.
    public func encodeSegments(source: String, a: String, b: String?, budget: SegmentBudget = .paper) throws -> SegmentEncoding {
        let v = tokenizer.vocabulary
        let s = Array(tokenizer.tokenize(source).prefix(budget.source))
        let ca = Array(tokenizer.tokenize(a).prefix(budget.candidate))
        let cb = b.map { Array(tokenizer.tokenize($0).prefix(budget.candidate)) } ?? []
        let ids = [v.cls] + s + [v.sep] + ca + [v.sep] + (b == nil ? [] : cb + [v.sep])
        guard ids.count <= config.maxPositions else {
            throw ModelError.invalidArgument("segments need \(ids.count) positions; the model has \(config.maxPositions): lower the budget")
        }
        let typeB: Int32 = config.typeVocabSize >= 3 ? 2 : 1
        let types = [Int32](repeating: 0, count: s.count + 2) + [Int32](repeating: 1, count: ca.count + 1)
            + [Int32](repeating: typeB, count: b == nil ? 0 : cb.count + 1)
        let states = try encoder.hiddenStates([ids], types: [types])
        let h = config.hiddenSize
        func mean(_ first: Int, _ count: Int, sep: Int) -> [Float] {
            let rows = count > 0 ? first..<(first + count) : sep..<(sep + 1)
            var out = [Float](repeating: 0, count: h)
            for r in rows { for j in 0..<h { out[j] += states[r * h + j] } }
            let n = Float(rows.count)
            return out.map { $0 / n }
        }
        let aStart = s.count + 2, bStart = aStart + ca.count + 1
        return SegmentEncoding(source: mean(1, s.count, sep: s.count + 1), candidateA: mean(aStart, ca.count, sep: aStart + ca.count),
                               candidateB: b == nil ? [] : mean(bStart, cb.count, sep: bStart + cb.count), ids: ids, types: types)
    }
}

/// A reference's n-gram counts for orders 1...maxOrder, built once and matched against many
/// hypotheses (every model's output is scored against the same reference; MBR scores every
/// candidate against each other one). Same integers as `NGramMatcher.allOrders`.
///
/// Ids are the reference's own (0..<alphabet); a hypothesis token that does not occur in the
/// reference is `absent` (-1), and no n-gram containing it can match. Each order n >= 2 whose
/// packed key fits in 64 bits has an open-addressing table of the reference's n-grams with
/// their counts; a hypothesis takes one from a count while any is left (clipping), and looks an
/// n-gram up only if both of its (n-1)-grams occur in the reference (pruning).
struct NGramReference: Sendable {
    static let absent: Int32 = -1

    let maxOrder: Int
    let ids: [UInt32]
    let alphabet: Int
    private let bits: Int
    private let unigrams: [Int32]
    /// Orders 2, 3, ... while `n * bits <= 64`; the rest go through `NGramMatcher.counts`.
    private let tables: [Table]

    private struct Table: Sendable {
        var keys: [UInt64]
        /// The reference's count of each slot's n-gram; -1 marks an empty slot.
        var counts: [Int32]
        var shift: UInt64
        var mask: Int
    }

    init(ids: [UInt32], alphabet: Int, maxOrder: Int) {
        self.ids = ids
        self.alphabet = alphabet
        self.maxOrder = maxOrder
        let bits = NGramMatcher.bits(forAlphabet: alphabet)
        self.bits = bits
        var unigrams = [Int32](repeating: 0, count: alphabet)
        for t in ids { unigrams[Int(t)] += 1 }
        self.unigrams = unigrams
        var tables: [Table] = []
        var n = 2
        while n <= maxOrder, n * bits <= 64, ids.count >= n {
            let grams = ids.count - n + 1
            var capacity = 16, shift: UInt64 = 60
            while capacity < grams * 2 { capacity <<= 1; shift -= 1 }
            var table = Table(keys: [UInt64](repeating: 0, count: capacity), counts: [Int32](repeating: -1, count: capacity),
                              shift: shift, mask: capacity - 1)
            let b = UInt64(bits)
            for i in 0..<grams {
                var k: UInt64 = 0
                for j in 0..<n { k = (k << b) | UInt64(ids[i + j]) }
                var slot = Int(truncatingIfNeeded: (k &* 0x9E3779B97F4A7C15) >> shift)
                while table.counts[slot] >= 0 && table.keys[slot] != k { slot = (slot + 1) & table.mask }
                if table.counts[slot] < 0 { table.keys[slot] = k; table.counts[slot] = 1 } else { table.counts[slot] += 1 }
            }
            tables.append(table)
            n += 1
        }
        self.tables = tables
    }

    /// (hypothesis n-grams, reference n-grams, clipped matches) for n = 1...maxOrder; `hyp` in
    /// the reference's ids, `absent` for tokens the reference lacks. Scratch space (each
    /// position's key of the current order, whether its n-gram occurs in the reference, the
    /// counts left to take) is one temporary allocation per call, on the stack when small.
    func counts(hypothesis hyp: [Int32]) -> [NGramCounts] {
        hyp.withUnsafeBufferPointer { counts(hypothesis: $0) }
    }

    func counts(hypothesis h: UnsafeBufferPointer<Int32>) -> [NGramCounts] {
        let hypLength = h.count, refLength = ids.count
        var out = (1...maxOrder).map { NGramCounts(hyp: max(0, hypLength - $0 + 1), ref: max(0, refLength - $0 + 1), matches: 0) }
        guard hypLength > 0, refLength > 0 else { return out }
        let tableSize = tables.map(\.counts.count).max() ?? 0
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * hypLength) { scratch in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(alphabet, tableSize)) { left in
                let keys = UnsafeMutableBufferPointer(rebasing: scratch[0..<hypLength])
                let found = UnsafeMutableBufferPointer(rebasing: scratch[hypLength...])
                do {
                    // Unigrams: a token matches while the reference has copies of it left.
                    _ = unigrams.withUnsafeBufferPointer { left.update(fromContentsOf: $0) }
                    var matches = 0
                    for i in 0..<hypLength {
                        let t = h[i]
                        found[i] = t >= 0 ? 1 : 0
                        keys[i] = UInt64(UInt32(bitPattern: t))
                        if t >= 0 && left[Int(t)] > 0 { left[Int(t)] -= 1; matches += 1 }
                    }
                    out[0].matches = matches
                    guard maxOrder >= 2 else { return }
                    let b = UInt64(bits)
                    for n in 2...maxOrder {
                        let hypCount = hypLength - n + 1
                        guard hypCount > 0, refLength - n + 1 > 0 else { break }
                        guard n - 2 < tables.count else {
                            fallback(h, from: n, into: &out)
                            break
                        }
                        let table = tables[n - 2]
                        matches = 0
                        table.keys.withUnsafeBufferPointer { tableKeys in
                            table.counts.withUnsafeBufferPointer { counts in
                                _ = left.update(fromContentsOf: counts)
                                for i in 0..<hypCount {
                                    // keys[i] holds the (n-1)-gram at i; extend it by one token.
                                    let k = (keys[i] << b) | UInt64(UInt32(bitPattern: h[i + n - 1]))
                                    keys[i] = k
                                    // Pruning: an n-gram occurs only if both of its (n-1)-grams do.
                                    guard found[i] & found[i + 1] != 0 else { found[i] = 0; continue }
                                    var slot = Int(truncatingIfNeeded: (k &* 0x9E3779B97F4A7C15) >> table.shift)
                                    while left[slot] >= 0 && tableKeys[slot] != k { slot = (slot + 1) & table.mask }
                                    guard left[slot] >= 0 else { found[i] = 0; continue }
                                    found[i] = 1
                                    if left[slot] > 0 { left[slot] -= 1; matches += 1 }
                                }
                            }
                        }
                        out[n - 1].matches = matches
                    }
                }
            }
        }
        return out
    }

    /// Orders `from`...maxOrder whose keys do not fit in 64 bits: every absent token becomes
    /// one id outside the reference's alphabet (it matches nothing either way).
    private func fallback(_ h: UnsafeBufferPointer<Int32>, from first: Int, into out: inout [NGramCounts]) {
        let sentinel = UInt32(alphabet)
        let hypIDs = h.map { $0 >= 0 ? UInt32($0) : sentinel }
        let bits = NGramMatcher.bits(forAlphabet: alphabet + 1)
        for n in first...maxOrder { out[n - 1] = NGramMatcher.counts(hypIDs, ids, order: n, bits: bits) }
    }
}

extension NGramMatcher {
    /// `counts(hyp, ref, order: n)` for n = 1...maxOrder at once, pruned: an n-gram can only
    /// occur on both sides if both of its (n-1)-grams do, so each order looks only at the
    /// positions whose two (n-1)-grams matched the other side at the order before. Unigrams are
    /// counted in dense arrays (`alphabet` bounds the ids). Same integers as `counts`.
    static func allOrders(_ hyp: [UInt32], _ ref: [UInt32], maxOrder: Int, alphabet: Int) -> [NGramCounts] {
        var out = (1...maxOrder).map { NGramCounts(hyp: max(0, hyp.count - $0 + 1), ref: max(0, ref.count - $0 + 1), matches: 0) }
        guard !hyp.isEmpty, !ref.isEmpty else { return out }
        let bits = bits(forAlphabet: alphabet)
        var refUnigrams = [Int32](repeating: 0, count: alphabet), hypUnigrams = [Int32](repeating: 0, count: alphabet)
        for t in ref { refUnigrams[Int(t)] += 1 }
        for t in hyp { hypUnigrams[Int(t)] += 1 }
        var matches = 0
        for id in 0..<alphabet { matches += Int(min(refUnigrams[id], hypUnigrams[id])) }
        out[0].matches = matches
        // alive[i]: the gram of the current order at i also occurs on the other side. The hash
        // table and flag buffers are allocated once, for the largest order-2 table, and reused.
        var hypAlive = hyp.map { refUnigrams[Int($0)] > 0 }, nextHypAlive = hypAlive
        var refAlive = ref.map { hypUnigrams[Int($0)] > 0 }
        guard maxOrder >= 2 else { return out }
        var tableSize = 16
        while tableSize < ref.count * 2 { tableSize <<= 1 }
        var keys = [UInt64](repeating: 0, count: tableSize)
        var remaining = [Int32](repeating: -1, count: tableSize)
        var hit = [Bool](repeating: false, count: tableSize)
        var slotOf = [Int](repeating: -1, count: ref.count)
        var candidates: [Int] = []
        candidates.reserveCapacity(ref.count)
        for n in 2...maxOrder {
            let hypCount = hyp.count - n + 1, refCount = ref.count - n + 1
            guard hypCount > 0, refCount > 0 else { break }
            guard n * bits <= 64 else {
                for k in n...maxOrder { out[k - 1] = counts(hyp, ref, order: k, bits: bits) }
                break
            }
            candidates.removeAll(keepingCapacity: true)
            for i in 0..<refCount where refAlive[i] && refAlive[i + 1] { candidates.append(i) }
            var capacity = 16, shift: UInt64 = 60
            while capacity < candidates.count * 2 { capacity <<= 1; shift -= 1 }
            let mask = capacity - 1, b = UInt64(bits)
            for slot in 0..<capacity { remaining[slot] = -1; hit[slot] = false }
            for i in 0..<refCount { slotOf[i] = -1 }
            @inline(__always) func key(_ s: [UInt32], _ i: Int) -> UInt64 {
                var k: UInt64 = 0
                for j in 0..<n { k = (k << b) | UInt64(s[i + j]) }
                return k
            }
            for i in candidates {
                let k = key(ref, i)
                var slot = Int(truncatingIfNeeded: (k &* 0x9E3779B97F4A7C15) >> shift)
                while remaining[slot] >= 0 && keys[slot] != k { slot = (slot + 1) & mask }
                if remaining[slot] < 0 { keys[slot] = k; remaining[slot] = 1 } else { remaining[slot] += 1 }
                slotOf[i] = slot
            }
            matches = 0
            for i in 0..<hypCount {
                nextHypAlive[i] = false
                guard !candidates.isEmpty, hypAlive[i] && hypAlive[i + 1] else { continue }
                let k = key(hyp, i)
                var slot = Int(truncatingIfNeeded: (k &* 0x9E3779B97F4A7C15) >> shift)
                while remaining[slot] >= 0 && keys[slot] != k { slot = (slot + 1) & mask }
                guard remaining[slot] >= 0 else { continue }
                hit[slot] = true
                nextHypAlive[i] = true
                if remaining[slot] > 0 { remaining[slot] -= 1; matches += 1 }
            }
            out[n - 1].matches = matches
            swap(&hypAlive, &nextHypAlive)
            for i in 0..<refCount { refAlive[i] = slotOf[i] >= 0 && hit[slotOf[i]] }
        }
        return out
    }
}

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
        guard maxOrder >= 2 else { return out }

        // Scratch space, allocated once for the largest (order-2) table and reused.
        // alive[i]: the gram of the current order at i also occurs on the other side.
        var tableSize = 16
        while tableSize < ref.count * 2 { tableSize <<= 1 }
        let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: tableSize)
        let remaining = UnsafeMutablePointer<Int32>.allocate(capacity: tableSize)
        let hit = UnsafeMutablePointer<Bool>.allocate(capacity: tableSize)
        let slotOf = UnsafeMutablePointer<Int>.allocate(capacity: ref.count)
        let candidates = UnsafeMutablePointer<Int>.allocate(capacity: ref.count)
        var hypAlive = UnsafeMutablePointer<Bool>.allocate(capacity: hyp.count)
        var nextHypAlive = UnsafeMutablePointer<Bool>.allocate(capacity: hyp.count)
        let refAlive = UnsafeMutablePointer<Bool>.allocate(capacity: ref.count)
        defer {
            keys.deallocate(); remaining.deallocate(); hit.deallocate(); slotOf.deallocate(); candidates.deallocate()
            hypAlive.deallocate(); nextHypAlive.deallocate(); refAlive.deallocate()
        }
        for i in 0..<hyp.count { hypAlive[i] = refUnigrams[Int(hyp[i])] > 0 }
        for i in 0..<ref.count { refAlive[i] = hypUnigrams[Int(ref[i])] > 0 }

        hyp.withUnsafeBufferPointer { h in
            ref.withUnsafeBufferPointer { r in
                for n in 2...maxOrder {
                    let hypCount = h.count - n + 1, refCount = r.count - n + 1
                    guard hypCount > 0, refCount > 0 else { break }
                    guard n * bits <= 64 else {
                        for k in n...maxOrder { out[k - 1] = counts(hyp, ref, order: k, bits: bits) }
                        break
                    }
                    var candidateCount = 0
                    for i in 0..<refCount where refAlive[i] && refAlive[i + 1] { candidates[candidateCount] = i; candidateCount += 1 }
                    var capacity = 16, shift: UInt64 = 60
                    while capacity < candidateCount * 2 { capacity <<= 1; shift -= 1 }
                    let mask = capacity - 1, b = UInt64(bits)
                    remaining.update(repeating: -1, count: capacity)
                    hit.update(repeating: false, count: capacity)
                    slotOf.update(repeating: -1, count: refCount)
                    for c in 0..<candidateCount {
                        let i = candidates[c]
                        var k: UInt64 = 0
                        for j in 0..<n { k = (k << b) | UInt64(r[i + j]) }
                        var slot = Int(truncatingIfNeeded: (k &* 0x9E3779B97F4A7C15) >> shift)
                        while remaining[slot] >= 0 && keys[slot] != k { slot = (slot + 1) & mask }
                        if remaining[slot] < 0 { keys[slot] = k; remaining[slot] = 1 } else { remaining[slot] += 1 }
                        slotOf[i] = slot
                    }
                    matches = 0
                    for i in 0..<hypCount {
                        nextHypAlive[i] = false
                        guard candidateCount > 0, hypAlive[i] && hypAlive[i + 1] else { continue }
                        var k: UInt64 = 0
                        for j in 0..<n { k = (k << b) | UInt64(h[i + j]) }
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
            }
        }
        return out
    }
}

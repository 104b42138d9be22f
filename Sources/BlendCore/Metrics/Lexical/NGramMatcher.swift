/// Clipped n-gram matching of two id sequences: for order n, `hyp` and `ref` are the numbers of
/// n-grams (len - n + 1, or 0) and `matches` = sum over distinct n-grams g of
/// min(count_hyp(g), count_ref(g)). Integer-exact: each n-gram is packed losslessly into one
/// or two 64-bit words (`bits` per id), both lists are sorted and merged.
public struct NGramCounts: Hashable, Sendable {
    public var hyp: Int
    public var ref: Int
    public var matches: Int

    public init(hyp: Int, ref: Int, matches: Int) {
        self.hyp = hyp
        self.ref = ref
        self.matches = matches
    }
}

enum NGramMatcher {
    /// Bits needed to store any id below `alphabet` (at least 1).
    static func bits(forAlphabet alphabet: Int) -> Int {
        var b = 1
        while (1 << b) < alphabet { b += 1 }
        return b
    }

    static func counts(_ hyp: [UInt32], _ ref: [UInt32], order n: Int, bits: Int) -> NGramCounts {
        let hypCount = max(0, hyp.count - n + 1), refCount = max(0, ref.count - n + 1)
        guard hypCount > 0, refCount > 0 else { return NGramCounts(hyp: hypCount, ref: refCount, matches: 0) }
        let matches: Int
        if n * bits <= 64 {
            matches = hashCount(hyp, ref, n, bits)
        } else if n * bits <= 128 {
            matches = mergeCount(packedWide(hyp, n, bits).sorted(), packedWide(ref, n, bits).sorted())
        } else {
            var refCounts: [ArraySlice<UInt32>: Int] = [:]
            for i in 0..<refCount { refCounts[ref[i..<(i + n)], default: 0] += 1 }
            var total = 0
            for i in 0..<hypCount {
                let g = hyp[i..<(i + n)]
                if let c = refCounts[g], c > 0 { total += 1; refCounts[g] = c - 1 }
            }
            matches = total
        }
        return NGramCounts(hyp: hypCount, ref: refCount, matches: matches)
    }

    /// Clipped matches of packed n-grams with an open-addressing count table: the reference's
    /// n-grams are counted, then each hypothesis n-gram takes one from its count while any is left.
    static func hashCount(_ hyp: [UInt32], _ ref: [UInt32], _ n: Int, _ bits: Int) -> Int {
        let refCount = ref.count - n + 1
        var capacity = 16, shift: UInt64 = 60
        while capacity < refCount * 2 { capacity <<= 1; shift -= 1 }
        var keys = [UInt64](repeating: 0, count: capacity)
        var counts = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        let b = UInt64(bits)
        return keys.withUnsafeMutableBufferPointer { keys in
            counts.withUnsafeMutableBufferPointer { counts in
                ref.withUnsafeBufferPointer { r in
                    for i in 0..<refCount {
                        var k: UInt64 = 0
                        for j in 0..<n { k = (k << b) | UInt64(r[i + j]) }
                        var slot = Int(truncatingIfNeeded: (k &* 0x9E3779B97F4A7C15) >> shift)
                        while counts[slot] >= 0 && keys[slot] != k { slot = (slot + 1) & mask }
                        if counts[slot] < 0 { keys[slot] = k; counts[slot] = 1 } else { counts[slot] += 1 }
                    }
                }
                var matches = 0
                hyp.withUnsafeBufferPointer { h in
                    for i in 0..<(h.count - n + 1) {
                        var k: UInt64 = 0
                        for j in 0..<n { k = (k << b) | UInt64(h[i + j]) }
                        var slot = Int(truncatingIfNeeded: (k &* 0x9E3779B97F4A7C15) >> shift)
                        while counts[slot] >= 0 && keys[slot] != k { slot = (slot + 1) & mask }
                        if counts[slot] > 0 { counts[slot] -= 1; matches += 1 }
                    }
                }
                return matches
            }
        }
    }

    static func packed(_ ids: [UInt32], _ n: Int, _ bits: Int) -> [UInt64] {
        ids.withUnsafeBufferPointer { s in
            (0..<(s.count - n + 1)).map { i in
                var k: UInt64 = 0
                for j in 0..<n { k = (k << UInt64(bits)) | UInt64(s[i + j]) }
                return k
            }
        }
    }

    struct Wide: Comparable {
        var hi: UInt64
        var lo: UInt64
        static func < (a: Wide, b: Wide) -> Bool { a.hi != b.hi ? a.hi < b.hi : a.lo < b.lo }
    }

    static func packedWide(_ ids: [UInt32], _ n: Int, _ bits: Int) -> [Wide] {
        ids.withUnsafeBufferPointer { s in
            (0..<(s.count - n + 1)).map { i in
                var k = Wide(hi: 0, lo: 0)
                for j in 0..<n {
                    k.hi = (k.hi << UInt64(bits)) | (k.lo >> UInt64(64 - bits))
                    k.lo = (k.lo << UInt64(bits)) | UInt64(s[i + j])
                }
                return k
            }
        }
    }

    /// Sum over distinct keys of min(count in a, count in b); both sorted.
    static func mergeCount<K: Comparable>(_ a: [K], _ b: [K]) -> Int {
        var i = 0, j = 0, total = 0
        while i < a.count && j < b.count {
            if a[i] < b[j] { i += 1 } else if b[j] < a[i] { j += 1 } else {
                let key = a[i]
                var ca = 0, cb = 0
                while i < a.count && a[i] == key { ca += 1; i += 1 }
                while j < b.count && b[j] == key { cb += 1; j += 1 }
                total += min(ca, cb)
            }
        }
        return total
    }
}

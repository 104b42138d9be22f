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
            matches = mergeCount(packed(hyp, n, bits).sorted(), packed(ref, n, bits).sorted())
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

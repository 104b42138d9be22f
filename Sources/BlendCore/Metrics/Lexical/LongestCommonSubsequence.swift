/// Longest common subsequences of id sequences, as ROUGE-L and ROUGE-Lsum need them.
enum LongestCommonSubsequence {
    /// The LCS length, bit-parallel (Hyyrö 2004, "Bit-parallel LCS-length computation
    /// revisited"): V starts all ones over |a| bits; for each symbol s of b,
    /// U = V & M[s], V = (V + U) | (V & ~M[s]); the LCS length is the number of zero bits.
    /// O(|a| |b| / 64); equal to the dynamic-programming length exactly. `alphabet` bounds the ids.
    static func length(_ a: [UInt32], _ b: [UInt32], alphabet: Int) -> Int {
        let m = a.count
        guard m > 0, !b.isEmpty else { return 0 }
        let words = (m + 63) / 64
        var masks = [UInt64](repeating: 0, count: alphabet * words)
        var present = [Bool](repeating: false, count: alphabet)
        for (i, s) in a.enumerated() {
            masks[Int(s) * words + i / 64] |= 1 << UInt64(i % 64)
            present[Int(s)] = true
        }
        var v = [UInt64](repeating: ~0, count: words)
        masks.withUnsafeBufferPointer { masks in
            v.withUnsafeMutableBufferPointer { v in
                for s in b where present[Int(s)] {
                    let base = Int(s) * words
                    var carry: UInt64 = 0
                    for w in 0..<words {
                        let mask = masks[base + w]
                        let u = v[w] & mask
                        let (sum1, o1) = v[w].addingReportingOverflow(u)
                        let (sum2, o2) = sum1.addingReportingOverflow(carry)
                        carry = (o1 || o2) ? 1 : 0
                        v[w] = sum2 | (v[w] & ~mask)
                    }
                }
            }
        }
        var ones = 0
        for w in 0..<words {
            let bits = w == words - 1 && m % 64 != 0 ? v[w] & ((1 << UInt64(m % 64)) - 1) : v[w]
            ones += bits.nonzeroBitCount
        }
        return m - ones
    }

    /// Indices into `ref` of one LCS of `ref` and `can`, read back from the full table exactly
    /// as rouge-score's `_backtrack_norec`: on a match take it; else move left in `can` when
    /// T[i][j-1] > T[i-1][j], otherwise up in `ref`.
    static func indices(_ ref: [UInt32], _ can: [UInt32]) -> [Int] {
        let rows = ref.count, cols = can.count
        guard rows > 0, cols > 0 else { return [] }
        let width = cols + 1
        var t = [Int32](repeating: 0, count: (rows + 1) * width)
        for i in 1...rows {
            for j in 1...cols {
                t[i * width + j] = ref[i - 1] == can[j - 1]
                    ? t[(i - 1) * width + j - 1] + 1
                    : max(t[(i - 1) * width + j], t[i * width + j - 1])
            }
        }
        var out: [Int] = []
        var i = rows, j = cols
        while i > 0 && j > 0 {
            if ref[i - 1] == can[j - 1] {
                out.append(i - 1)
                i -= 1
                j -= 1
            } else if t[i * width + j - 1] > t[(i - 1) * width + j] {
                j -= 1
            } else {
                i -= 1
            }
        }
        return out.reversed()
    }
}

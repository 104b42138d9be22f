#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// Gives every distinct byte string a dense id (0, 1, 2, ... in order of first appearance), so
/// n-grams can be compared as integers. Exact: ids are equal iff the bytes are equal (an
/// open-addressing table keyed by FNV-1a, confirmed byte by byte). A reference's tokens are
/// interned once; hypotheses only look theirs up (`existingIDs`).
struct TokenInterner: Sendable {
    private var arena: [UInt8] = []
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var hashes: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int

    /// Number of distinct strings seen.
    var count: Int { starts.count }

    init(expected: Int) {
        var capacity = 16
        while capacity < expected * 2 { capacity <<= 1 }
        slots = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
    }

    /// Ids of `ranges` of `bytes`, in order.
    mutating func ids(_ bytes: [UInt8], _ ranges: [Range<Int>]) -> [UInt32] {
        bytes.withUnsafeBufferPointer { b in ranges.map { id(UnsafeBufferPointer(rebasing: b[$0])) } }
    }

    /// Ids of `ranges` of `bytes` among the strings already seen, `NGramReference.absent` (-1)
    /// for the others; adds nothing.
    func existingIDs(_ bytes: [UInt8], _ ranges: [Range<Int>]) -> [Int32] {
        let mask = mask
        return bytes.withUnsafeBufferPointer { b in
            slots.withUnsafeBufferPointer { slots in
                hashes.withUnsafeBufferPointer { hashes in
                    lengths.withUnsafeBufferPointer { lengths in
                        starts.withUnsafeBufferPointer { starts in
                            arena.withUnsafeBufferPointer { arena in
                                ranges.map { r in
                                    let count = r.count
                                    var h: UInt64 = 0xcbf29ce484222325
                                    for i in r { h = (h ^ UInt64(b[i])) &* 0x100000001b3 }
                                    var slot = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
                                    while true {
                                        let e = Int(slots[slot])
                                        if e < 0 { return NGramReference.absent }
                                        if hashes[e] == h && lengths[e] == count
                                            && memcmp(arena.baseAddress! + starts[e], b.baseAddress! + r.lowerBound, count) == 0 {
                                            return Int32(e)
                                        }
                                        slot = (slot + 1) & mask
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    mutating func id(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let (h, slot) = find(key)
        if slots[slot] >= 0 { return UInt32(slots[slot]) }
        let id = starts.count
        starts.append(arena.count)
        lengths.append(key.count)
        hashes.append(h)
        arena.append(contentsOf: key)
        slots[slot] = Int32(id)
        if starts.count * 2 > slots.count { grow() }
        return UInt32(id)
    }

    /// The key's hash and its slot: the one holding it, or the empty one where it would go.
    private func find(_ key: UnsafeBufferPointer<UInt8>) -> (UInt64, Int) {
        var h: UInt64 = 0xcbf29ce484222325
        for c in key { h = (h ^ UInt64(c)) &* 0x100000001b3 }
        var slot = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        while true {
            let existing = slots[slot]
            if existing < 0 { return (h, slot) }
            let e = Int(existing)
            if hashes[e] == h && lengths[e] == key.count && equal(e, key) { return (h, slot) }
            slot = (slot + 1) & mask
        }
    }

    private func equal(_ e: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let s = starts[e]
        for i in 0..<key.count where arena[s + i] != key[i] { return false }
        return true
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for e in 0..<starts.count {
            var slot = Int(truncatingIfNeeded: hashes[e] ^ (hashes[e] >> 29)) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(e)
        }
    }
}

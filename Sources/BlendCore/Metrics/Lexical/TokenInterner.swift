#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// Gives every distinct byte string a dense id (0, 1, 2, ... in order of first appearance), so
/// n-grams can be compared as integers. Exact: ids are equal iff the bytes are equal (an
/// open-addressing table keyed by `WordHash`, confirmed byte by byte). A reference's tokens are
/// interned once; hypotheses only look theirs up (`Lookup.existingID`), so a lookup touches one
/// slot array and the bytes.
struct TokenInterner: Sendable {
    /// One string's slot: its hash, where its bytes are in `arena`, and its id (-1: empty).
    fileprivate struct Slot: Sendable {
        var hash: UInt64 = 0
        var start: Int32 = 0
        var length: Int32 = 0
        var id: Int32 = -1
    }

    private var arena: [UInt8] = []
    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0

    init(expected: Int) {
        var capacity = 16
        while capacity < expected * 2 { capacity <<= 1 }
        slots = [Slot](repeating: Slot(), count: capacity)
        mask = capacity - 1
    }

    /// Ids of `ranges` of `bytes`, in order.
    mutating func ids(_ bytes: [UInt8], _ ranges: [Range<Int>]) -> [UInt32] {
        bytes.withUnsafeBufferPointer { b in ranges.map { id(UnsafeBufferPointer(rebasing: b[$0])) } }
    }

    /// Calls `body` with a lookup of the strings seen so far (`existingID`), which holds the
    /// table's buffers for many lookups (a hypothesis's tokens).
    func withLookup<R>(_ body: (Lookup) -> R) -> R {
        slots.withUnsafeBufferPointer { slots in
            arena.withUnsafeBufferPointer { arena in body(Lookup(slots: slots, arena: arena, mask: mask)) }
        }
    }

    struct Lookup {
        fileprivate let slots: UnsafeBufferPointer<Slot>
        fileprivate let arena: UnsafeBufferPointer<UInt8>
        fileprivate let mask: Int

        /// The id of `key` if it has been seen, else `NGramReference.absent` (-1).
        @inline(__always)
        func existingID(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
            slots[TokenInterner.find(key, hash: WordHash.hash(key), slots: slots, arena: arena, mask: mask)].id
        }
    }

    mutating func id(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let h = WordHash.hash(key)
        let slot = find(key, hash: h)
        if slots[slot].id >= 0 { return UInt32(slots[slot].id) }
        let id = Int32(count)
        slots[slot] = Slot(hash: h, start: Int32(arena.count), length: Int32(key.count), id: id)
        arena.append(contentsOf: key)
        count += 1
        if count * 2 > slots.count { grow() }
        return UInt32(id)
    }

    /// The slot holding `key`, or the empty one where it would go.
    private func find(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int {
        slots.withUnsafeBufferPointer { slots in
            arena.withUnsafeBufferPointer { arena in Self.find(key, hash: h, slots: slots, arena: arena, mask: mask) }
        }
    }

    @inline(__always)
    private static func find(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64, slots: UnsafeBufferPointer<Slot>,
                             arena: UnsafeBufferPointer<UInt8>, mask: Int) -> Int {
        let n = key.count
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[slot]
            if s.id < 0 { return slot }
            if s.hash == h && Int(s.length) == n && equal(arena, Int(s.start), key) { return slot }
            slot = (slot + 1) & mask
        }
    }

    /// Whether `arena[start..<start + key.count]` holds `key`'s bytes (short keys compared
    /// inline, long ones by memcmp).
    @inline(__always)
    private static func equal(_ arena: UnsafeBufferPointer<UInt8>, _ start: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = key.count
        guard n > 0 else { return true }
        if n > 16 { return memcmp(arena.baseAddress! + start, key.baseAddress!, n) == 0 }
        for i in 0..<n where arena[start + i] != key[i] { return false }
        return true
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        mask = slots.count - 1
        for s in old where s.id >= 0 {
            var slot = Int(truncatingIfNeeded: s.hash) & mask
            while slots[slot].id >= 0 { slot = (slot + 1) & mask }
            slots[slot] = s
        }
    }
}

/// A fast 64-bit hash of bytes, eight at a time, for in-memory tables only (never stored: it
/// may change between versions). Every output bit depends on every input byte; not keyed, so
/// not for tables an adversary fills.
enum WordHash {
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = key.count
        var h = UInt64(n) &* 0x9E3779B97F4A7C15
        guard let base = key.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var i = 0
        if n >= 64 {
            // Long keys: four independent lanes of 8 bytes, so the multiplies overlap.
            var lanes: (UInt64, UInt64, UInt64, UInt64) = (h, h ^ 0x243F6A8885A308D3, h ^ 0x13198A2E03707344, h ^ 0xA4093822299F31D0)
            while i + 32 <= n {
                lanes.0 = (lanes.0 ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51AFD7ED558CCD
                lanes.1 = (lanes.1 ^ raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)) &* 0xFF51AFD7ED558CCD
                lanes.2 = (lanes.2 ^ raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)) &* 0xFF51AFD7ED558CCD
                lanes.3 = (lanes.3 ^ raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)) &* 0xFF51AFD7ED558CCD
                lanes.0 ^= lanes.0 >> 32; lanes.1 ^= lanes.1 >> 32; lanes.2 ^= lanes.2 >> 32; lanes.3 ^= lanes.3 >> 32
                i += 32
            }
            h = ((lanes.0 &* 0x9E3779B97F4A7C15) ^ lanes.1) &* 0xC4CEB9FE1A85EC53
            h = ((h ^ lanes.2) &* 0xFF51AFD7ED558CCD) ^ lanes.3
        }
        while i + 8 <= n {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51AFD7ED558CCD
            h ^= h >> 32
            i += 8
        }
        if i < n {
            var w: UInt64 = 0
            for j in i..<n { w |= UInt64(base[j]) << UInt64(8 * (j - i)) }
            h = (h ^ w) &* 0xC4CEB9FE1A85EC53
        }
        // Final avalanche, so the low bits (a table's slot) depend on every byte.
        h ^= h >> 32
        h = h &* 0xD6E8FEB86659FD93
        return h ^ (h >> 32)
    }
}

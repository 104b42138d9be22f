import Synchronization

/// `SHA256.hex(text)` memoized for the process. Cache keys name every candidate and reference
/// text by its digest, and a run builds the keys of each component on each example, so the same
/// texts were hashed once per component (about 60 MB of SHA-256 in a cached paper-columns
/// run); a memo lookup hashes the bytes with SipHash instead. Bounded: cleared beyond `limit`
/// entries.
public enum TextDigests {
    public static let limit = 200_000
    private static let memo = Mutex<[UTF8Key: String]>([:])

    public static func hex(_ text: String) -> String {
        let key = UTF8Key(text)
        if let known = memo.withLock({ $0[key] }) { return known }
        let digest = SHA256.hex(text)
        memo.withLock { table in
            if table.count >= limit { table.removeAll(keepingCapacity: true) }
            table[key] = digest
        }
        return digest
    }
}

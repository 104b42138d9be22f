#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// A text as a dictionary key, compared and hashed by its UTF-8 bytes. String's own hashing
/// normalizes to NFC, which costs more than the work such a key saves, and canonically equal
/// but different byte strings must stay apart: metrics and digests see bytes.
public struct UTF8Key: Hashable, Sendable {
    public var text: String
    public init(_ text: String) { self.text = text }

    public static func == (a: UTF8Key, b: UTF8Key) -> Bool {
        var x = a.text, y = b.text
        return x.withUTF8 { p in
            y.withUTF8 { q in
                guard p.count == q.count, let pa = p.baseAddress, let qa = q.baseAddress else { return p.count == q.count }
                return memcmp(pa, qa, p.count) == 0
            }
        }
    }

    public func hash(into hasher: inout Hasher) {
        var t = text
        t.withUTF8 { hasher.combine(WordHash.hash($0)) }
    }
}

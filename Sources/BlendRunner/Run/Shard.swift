import BlendCore

/// One of `count` disjoint parts of an experiment's evaluated examples, for running an
/// experiment over several processes or machines (`blendlab run NAME --shard I/N`).
///
/// An example belongs to shard `SHA-256("shard:" + id)` (first 8 bytes, big-endian) mod N, so its
/// shard depends on its id alone (for AlpacaEval a hash of the instruction), never on row order or
/// on the other examples: adding examples to the data set moves none of the old ones. The shards
/// of one N cover every example exactly once.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 0-based: 0 ..< count.
    public let index: Int
    public let count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, (0..<count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// Parses `I/N` (`0/4` ... `3/4`); nil unless 0 <= I < N.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else { return nil }
        self.init(index: i, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// The shard (0-based) an example id falls in among `count`.
    public static func index(of id: ExampleID, count: Int) -> Int {
        let digest = SHA256.digest(Array("shard:\(id.rawValue)".utf8))
        let word = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Int(word % UInt64(count))
    }

    public func contains(_ example: Example) -> Bool { Self.index(of: example.id, count: count) == index }
}

import BlendCore

/// The key of one cached result: the stage it belongs to, the component that made it, and the
/// canonical JSON of everything that determines it (component id, version and parameters,
/// model identity, the full request, sample index, hashes of the input texts). The row key is
/// the SHA-256 of `stage` plus that JSON, so any change to a determining field is a miss.
public struct CacheKey: Sendable, Hashable {
    public let stage: String
    public let component: String
    public let fields: JSONValue
    public let digest: String

    public init(stage: String, component: String, fields: JSONValue) {
        self.stage = stage
        self.component = component
        self.fields = fields
        var hasher = SHA256.Hasher()
        hasher.update(Array(stage.utf8) + [UInt8(ascii: "\n")] + fields.canonicalBytes)
        digest = SHA256.hex(digest: hasher.finalize())
    }

    /// The beginning of many keys' hashed text: `stage`, a newline and the first bytes of their
    /// canonical fields JSON, hashed once (`CompareStage` keys every ordered pair of an example
    /// on one large shared object).
    public struct Prefix: Sendable {
        let stage: String
        let hasher: SHA256.Hasher

        public init(stage: String, canonicalHead: [UInt8]) {
            self.stage = stage
            var hasher = SHA256.Hasher()
            hasher.update(Array(stage.utf8) + [UInt8(ascii: "\n")] + canonicalHead)
            self.hasher = hasher
        }
    }

    /// A key whose fields' canonical JSON is the prefix's head followed by `canonicalTail`
    /// (the caller guarantees that this is `fields.canonicalBytes`; the digest is the same).
    public init(component: String, fields: JSONValue, prefix: Prefix, canonicalTail: [UInt8]) {
        stage = prefix.stage
        self.component = component
        self.fields = fields
        var hasher = prefix.hasher
        hasher.update(canonicalTail)
        digest = SHA256.hex(digest: hasher.finalize())
    }
}

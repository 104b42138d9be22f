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
        self.digest = SHA256.hex(stage + "\n" + fields.canonical)
    }
}

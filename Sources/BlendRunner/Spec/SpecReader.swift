import BlendCore

/// Reads one mapping of an experiment file, key by key, and rejects keys it was not asked for.
/// Every error carries the key path and, through the document, the file and line.
struct SpecReader {
    let document: YAMLDocument
    let path: String
    let object: [String: JSONValue]
    private(set) var known: [String] = []

    init(document: YAMLDocument, path: String, value: JSONValue) throws {
        self.document = document
        self.path = path
        switch value {
        case .object(let o): object = o
        case .null: object = [:]
        default: throw document.error(path, "must be a mapping of keys, found \(value.typeName)")
        }
    }

    func child(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    func error(_ key: String, _ message: String) -> SpecError { document.error(child(key), message) }

    mutating func raw(_ key: String) -> JSONValue? {
        known.append(key)
        if case .null? = object[key] { return nil }
        return object[key]
    }

    mutating func string(_ key: String) throws -> String? {
        guard let v = raw(key) else { return nil }
        switch v {
        case .string(let s): return s
        case .int, .double, .bool: return v.canonical
        default: throw error(key, "must be a string, found \(v.typeName)")
        }
    }

    mutating func requiredString(_ key: String) throws -> String {
        guard let s = try string(key) else { throw error(key, "is required") }
        return s
    }

    mutating func int(_ key: String) throws -> Int? {
        guard let v = raw(key) else { return nil }
        guard case .int(let i) = v else { throw error(key, "must be an integer, found \(v.typeName)") }
        return i
    }

    mutating func choice(_ key: String, _ choices: [String], default fallback: String) throws -> String {
        let v = try string(key) ?? fallback
        guard choices.contains(v) else { throw error(key, "'\(v)' is not one of: \(choices.joined(separator: ", "))") }
        return v
    }

    mutating func list(_ key: String) throws -> [JSONValue]? {
        guard let v = raw(key) else { return nil }
        guard case .array(let a) = v else { throw error(key, "must be a list, found \(v.typeName)") }
        return a
    }

    mutating func stringList(_ key: String) throws -> [String]? {
        guard let items = try list(key) else { return nil }
        return try items.enumerated().map { i, v in
            guard case .string(let s) = v else { throw document.error(child(key) + "[\(i)]", "must be a string, found \(v.typeName)") }
            return s
        }
    }

    /// Ordered (key, value) pairs of a mapping, in the order the document wrote them.
    mutating func orderedMapping(_ key: String) throws -> [(String, JSONValue)]? {
        guard let v = raw(key) else { return nil }
        guard case .object(let o) = v else { throw error(key, "must be a mapping, found \(v.typeName)") }
        let written = document.keyOrder[child(key)] ?? o.keys.sorted()
        return written.compactMap { k in o[k].map { (k, $0) } }
    }

    mutating func reader(_ key: String) throws -> SpecReader {
        try SpecReader(document: document, path: child(key), value: raw(key) ?? .null)
    }

    /// Fails on the first key not in `keys`, before any other check of this mapping, so a typo
    /// is reported as a typo rather than as a missing key.
    func allow(_ keys: [String]) throws {
        if let unknown = object.keys.sorted().first(where: { !keys.contains($0) }) {
            throw error(unknown, "unknown key; known keys here: \(keys.joined(separator: ", "))")
        }
    }

    /// Fails on the first key that nobody asked for, listing the known keys.
    func finish() throws {
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw error(unknown, "unknown key; known keys here: \(known.joined(separator: ", "))")
        }
    }
}

import BlendCore

/// Hydra-style command-line overrides: `--set dataset.limit=50`, `--set 'top_k=[1,2,3]'`.
/// The right-hand side is read as YAML; the left is a dotted key path into the file, created
/// if absent (validation then rejects unknown keys as usual).
public enum Overrides {
    public static func apply(_ assignments: [String], to document: inout YAMLDocument) throws {
        for assignment in assignments {
            guard let eq = assignment.firstIndex(of: "="), eq != assignment.startIndex else {
                throw SpecError(file: "--set", line: nil, keyPath: "", message: "'\(assignment)' is not KEY=VALUE (for example dataset.limit=50)")
            }
            let key = String(assignment[..<eq])
            let value = try YAMLDocument.value(String(assignment[assignment.index(after: eq)...]), option: "--set \(key)",
                                               path: key, order: &document.keyOrder)
            let parts = key.split(separator: ".").map(String.init)
            guard !parts.contains(where: \.isEmpty) else {
                throw SpecError(file: "--set", line: nil, keyPath: key, message: "empty part in the key path")
            }
            document.root = try set(value, at: parts[...], in: document.root, fullKey: key)
            document.overridden.insert(key)
        }
    }

    /// Overrides given as values (a notebook cell's `set:`), each key a dotted path as in `--set`.
    public static func apply(values: [(String, JSONValue)], to document: inout YAMLDocument) throws {
        for (key, value) in values {
            let parts = key.split(separator: ".").map(String.init)
            guard !parts.isEmpty, !parts.contains(where: \.isEmpty) else {
                throw SpecError(file: "--set", line: nil, keyPath: key, message: "empty part in the key path")
            }
            document.root = try set(value, at: parts[...], in: document.root, fullKey: key)
            document.overridden.insert(key)
        }
    }

    private static func set(_ value: JSONValue, at path: ArraySlice<String>, in node: JSONValue, fullKey: String) throws -> JSONValue {
        guard let head = path.first else { return value }
        var object: [String: JSONValue]
        switch node {
        case .object(let o): object = o
        case .null: object = [:]
        default:
            throw SpecError(file: "--set", line: nil, keyPath: fullKey, message: "cannot set a key inside \(node.typeName)")
        }
        object[head] = try set(value, at: path.dropFirst(), in: object[head] ?? .null, fullKey: fullKey)
        return .object(object)
    }
}

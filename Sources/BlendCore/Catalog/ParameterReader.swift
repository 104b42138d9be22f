/// Reads a component's parameters from an experiment file and rejects what it does not know.
///
/// Each factory asks for its parameters by name with a default; `finish()` then fails on any key
/// nobody asked for, listing the known ones. Errors carry the key so the runner can point at the
/// line in the experiment file.
public struct ParameterReader {
    private let values: [String: JSONValue]
    private var known: [String] = []
    /// The parameters as resolved (defaults filled in), in the form cache keys use.
    public private(set) var resolved: [String: JSONValue] = [:]

    public init(_ values: [String: JSONValue]) { self.values = values }

    public mutating func int(_ key: String, default fallback: Int) throws -> Int {
        known.append(key)
        let v: Int
        switch values[key] {
        case nil: v = fallback
        case .int(let i)?: v = i
        case .double(let d)? where d == d.rounded() && abs(d) < 1e15: v = Int(d)
        case let other?: throw ParameterError.wrongType(key: key, expected: "an integer", found: other.typeName)
        }
        resolved[key] = .int(v)
        return v
    }

    public mutating func double(_ key: String, default fallback: Double) throws -> Double {
        known.append(key)
        let v: Double
        switch values[key] {
        case nil: v = fallback
        case .int(let i)?: v = Double(i)
        case .double(let d)?: v = d
        case let other?: throw ParameterError.wrongType(key: key, expected: "a number", found: other.typeName)
        }
        resolved[key] = .double(v)
        return v
    }

    public mutating func bool(_ key: String, default fallback: Bool) throws -> Bool {
        known.append(key)
        let v: Bool
        switch values[key] {
        case nil: v = fallback
        case .bool(let b)?: v = b
        case let other?: throw ParameterError.wrongType(key: key, expected: "true or false", found: other.typeName)
        }
        resolved[key] = .bool(v)
        return v
    }

    public mutating func string(_ key: String, default fallback: String) throws -> String {
        known.append(key)
        let v: String
        switch values[key] {
        case nil: v = fallback
        case .string(let s)?: v = s
        case let other?: throw ParameterError.wrongType(key: key, expected: "a string", found: other.typeName)
        }
        resolved[key] = .string(v)
        return v
    }

    public mutating func optionalString(_ key: String) throws -> String? {
        known.append(key)
        switch values[key] {
        case nil, .null?: return nil
        case .string(let s)?: resolved[key] = .string(s); return s
        case let other?: throw ParameterError.wrongType(key: key, expected: "a string", found: other.typeName)
        }
    }

    /// The raw value of `key` (nil when absent); the caller validates it and states its resolved form.
    public mutating func json(_ key: String) -> JSONValue? {
        known.append(key)
        return values[key]
    }

    /// A list of numbers; a single number counts as a list of one.
    public mutating func doubleList(_ key: String, default fallback: [Double]) throws -> [Double] {
        known.append(key)
        let v: [Double]
        func number(_ value: JSONValue) throws -> Double {
            switch value {
            case .int(let i): return Double(i)
            case .double(let d): return d
            default: throw ParameterError.wrongType(key: key, expected: "a number or a list of numbers", found: value.typeName)
            }
        }
        switch values[key] {
        case nil, .null?: v = fallback
        case .array(let items)?: v = try items.map(number)
        case let other?: v = [try number(other)]
        }
        resolved[key] = .array(v.map(JSONValue.double))
        return v
    }

    /// A list of strings; a single string counts as a list of one.
    public mutating func stringList(_ key: String, default fallback: [String]) throws -> [String] {
        known.append(key)
        let v: [String]
        switch values[key] {
        case nil, .null?: v = fallback
        case .string(let s)?: v = [s]
        case .array(let items)?:
            v = try items.map {
                guard case .string(let s) = $0 else { throw ParameterError.wrongType(key: key, expected: "a list of strings", found: $0.typeName) }
                return s
            }
        case let other?: throw ParameterError.wrongType(key: key, expected: "a string or a list of strings", found: other.typeName)
        }
        resolved[key] = .array(v.map(JSONValue.string))
        return v
    }

    /// A string that must be one of `choices`.
    public mutating func choice(_ key: String, _ choices: [String], default fallback: String) throws -> String {
        let v = try string(key, default: fallback)
        guard choices.contains(v) else { throw ParameterError.invalid(key: key, message: "'\(v)' is not one of \(choices.joined(separator: ", "))") }
        return v
    }

    /// Fails on any parameter that no `int`/`double`/`string` call asked for.
    public func finish() throws {
        let unknown = values.keys.filter { !known.contains($0) }.sorted()
        if let key = unknown.first { throw ParameterError.unknown(key: key, known: known.sorted()) }
    }
}

public enum ParameterError: BlendlabError, Equatable, Sendable {
    public var exitCode: Int32 { 2 }
    public var errorMessage: String { message }

    case unknown(key: String, known: [String])
    case wrongType(key: String, expected: String, found: String)
    case invalid(key: String, message: String)

    public var key: String {
        switch self {
        case .unknown(let k, _), .wrongType(let k, _, _), .invalid(let k, _): k
        }
    }

    public var message: String {
        switch self {
        case .unknown(let key, let known):
            "unknown parameter '\(key)'; known parameters: \(known.isEmpty ? "none" : known.joined(separator: ", "))"
        case .wrongType(let key, let expected, let found): "parameter '\(key)' must be \(expected), found \(found)"
        case .invalid(let key, let message): "parameter '\(key)': \(message)"
        }
    }
}

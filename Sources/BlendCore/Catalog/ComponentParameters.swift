/// A component's parameters as one `Codable` struct. Its property initialisers are the defaults
/// (written once, nowhere else), its coding keys are the experiment file's keys, a fixed set of
/// values is an enum (`ParameterChoice`), and `validate()` checks what types cannot (ranges).
///
/// `decode(_:)` reads an experiment file's values over the defaults: an absent key keeps its
/// default, a key nobody reads is an error naming it with its path and the known keys, a wrong
/// type says what was expected. The encoded struct is the component's `parameters`, so its
/// identity (and every cache key it makes) is the parameters as resolved.
public protocol ComponentParameters: Codable, Sendable {
    init()
    /// Range checks beyond the types; throws `ParameterError.invalid` naming the key.
    func validate() throws
}

extension ComponentParameters {
    public func validate() throws {}

    /// The parameters `values` states, over the defaults; see the protocol.
    public static func decode(_ values: [String: JSONValue]) throws -> Self {
        let log = ParameterDecoder.Log()
        let decoder = ParameterDecoder(value: .object(values), defaults: Self().json, codingPath: [], log: log)
        let decoded = try Self(from: decoder)
        log.mappings.insert("")   // the top is a mapping even for a struct that reads nothing
        try log.rejectUnknown(in: .object(values), at: "")
        try decoded.validate()
        return decoded
    }

    /// The parameters as data: the `params` of the component's identity.
    public var json: JSONValue { JSONValue.encoding(self) }

    /// The defaults with `change` applied: `EloRule(.with { $0.k = 16 })`.
    public static func with(_ change: (inout Self) -> Void) -> Self {
        var p = Self()
        change(&p)
        return p
    }
}

/// The parameters of a component that has none.
public struct NoParameters: ComponentParameters, Equatable {
    public init() {}
}

/// A group of parameters that an experiment file writes at the level of the component that
/// holds it (`max_epochs: 4` beside `model:`), while the identity nests it under its property
/// name (`"training": {...}`): training settings, sampling settings.
public protocol FlatParameterGroup: Codable, Sendable {}

/// A parameter whose value is one of a fixed set of strings; any other value is an error that
/// lists them.
public protocol ParameterChoice: RawRepresentable<String>, CaseIterable, Codable, Sendable {}

extension ParameterChoice {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(rawValue: text) else {
            throw ParameterError.invalid(key: ParameterDecoder.path(decoder.codingPath),
                                         message: "'\(text)' is not one of \(Self.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = value
    }

    public static var names: [String] { allCases.map(\.rawValue) }
}

/// A component made from one `Parameters` struct: its `parameters` are the encoded struct, and
/// its parameters read as its own properties (`rule.k`).
@dynamicMemberLookup
public protocol Configurable: Component {
    associatedtype Parameters: ComponentParameters
    var params: Parameters { get }
    init(_ params: Parameters) throws
}

extension Configurable {
    public var parameters: JSONValue { params.json }

    public subscript<T>(dynamicMember path: KeyPath<Parameters, T>) -> T { params[keyPath: path] }

    /// The component `values` configure (an experiment file's parameters).
    public static func make(_ values: [String: JSONValue]) throws -> Self { try Self(Parameters.decode(values)) }
}

extension JSONValue {
    /// `value` as data, through its `Encodable` conformance (a value that cannot be encoded, such
    /// as a NaN, is a programming error: parameters are validated first).
    static func encoding(_ value: some Encodable) -> JSONValue {
        do { return try JSONValueEncoder.encode(value) } catch { preconditionFailure("parameters cannot be encoded: \(error)") }
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

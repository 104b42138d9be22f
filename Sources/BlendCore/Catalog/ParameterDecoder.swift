import Foundation

/// The `Decoder` behind `ComponentParameters.decode`: reads an experiment file's values, falling
/// back to the defaults (the encoded `Parameters()`) key by key, and logs every key path the
/// struct reads so that a key nobody read is reported. Numbers convert between integer and float
/// where exact, and a single value stands for a list of one (`stop: "\n"`).
struct ParameterDecoder: Decoder {
    /// The key paths read and the paths read as mappings, shared by every nested decoder.
    final class Log {
        var read: Set<String> = []
        var mappings: Set<String> = []

        /// Fails on the first key of `value` (at `path`) inside a mapping the struct read whose
        /// own path it never read; values read whole (a `JSONValue`) are not looked into.
        func rejectUnknown(in value: JSONValue, at path: String) throws {
            guard case .object(let object) = value, mappings.contains(path) else { return }
            for key in object.keys.sorted() {
                let child = ParameterDecoder.join(path, key)
                guard read.contains(child) else {
                    let prefix = path.isEmpty ? "" : path + "."
                    let known = read.filter { $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains(".") }
                        .map { String($0.dropFirst(prefix.count)) }
                    throw ParameterError.unknown(key: child, known: known.sorted())
                }
                try rejectUnknown(in: object[key]!, at: child)
            }
        }
    }

    /// The file's value here (nil: absent) and the default's.
    let value: JSONValue?
    let defaults: JSONValue?
    let codingPath: [any CodingKey]
    let log: Log
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(value: JSONValue?, defaults: JSONValue?, codingPath: [any CodingKey], log: Log) {
        self.value = value
        self.defaults = defaults
        self.codingPath = codingPath
        self.log = log
    }

    var path: String { Self.path(codingPath) }
    /// What is decoded here: the file's value, else the default.
    var effective: JSONValue? { value ?? defaults }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.reduce("") { p, k in k.intValue.map { p + "[\($0)]" } ?? join(p, k.stringValue) }
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    func wrongType(_ expected: String) -> ParameterError {
        .wrongType(key: path, expected: expected, found: effective?.typeName ?? "nothing")
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object)? = value ?? .object([:]), case .object(let fallback)? = defaults ?? .object([:]) else {
            throw wrongType("a mapping")
        }
        log.mappings.insert(path)
        return KeyedDecodingContainer(Keyed<Key>(decoder: self, object: object, defaults: fallback))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        switch effective {
        case .array(let items)?: Unkeyed(decoder: self, items: items)
        case nil, .null?: throw wrongType("a list")
        case let single?: Unkeyed(decoder: self, items: [single])
        }
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(decoder: self) }

    /// A nested decoder for `key` of this mapping.
    func child(_ key: any CodingKey, value: JSONValue?, defaults: JSONValue?) -> ParameterDecoder {
        ParameterDecoder(value: value, defaults: defaults, codingPath: codingPath + [key], log: log)
    }

    /// `T` decoded here; a flat group reads the keys of this same mapping.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == JSONValue.self, let v = effective { return v as! T }
        return try T(from: self)
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: ParameterDecoder
        let object: [String: JSONValue]
        let defaults: [String: JSONValue]
        var codingPath: [any CodingKey] { decoder.codingPath }
        var allKeys: [Key] { Set(object.keys).union(defaults.keys).compactMap { Key(stringValue: $0) } }

        func note(_ key: Key) { decoder.log.read.insert(ParameterDecoder.join(decoder.path, key.stringValue)) }

        func contains(_ key: Key) -> Bool {
            note(key)
            return object[key.stringValue] != nil || defaults[key.stringValue] != nil
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            note(key)
            switch object[key.stringValue] ?? defaults[key.stringValue] {
            case nil, .null?: return true
            default: return false
            }
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(type, key) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(type, key) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(type, key) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decode(type, key) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(type, key) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(type, key) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(type, key) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(type, key) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(type, key) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(type, key) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(type, key) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(type, key) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(type, key) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(type, key) }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decode(type, key) }

        private func decode<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
            if T.self is any FlatParameterGroup.Type {
                // The group's keys stand in this mapping; its defaults are nested under `key`.
                let flat = ParameterDecoder(value: .object(object), defaults: defaults[key.stringValue],
                                            codingPath: decoder.codingPath, log: decoder.log)
                return try T(from: FlatDecoder(base: flat))
            }
            note(key)
            return try decoder.child(key, value: object[key.stringValue], defaults: defaults[key.stringValue]).decode(T.self)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            note(key)
            return try decoder.child(key, value: object[key.stringValue], defaults: defaults[key.stringValue]).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            note(key)
            return try decoder.child(key, value: object[key.stringValue], defaults: defaults[key.stringValue]).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder { decoder }
        func superDecoder(forKey key: Key) throws -> any Decoder {
            note(key)
            return decoder.child(key, value: object[key.stringValue], defaults: defaults[key.stringValue])
        }
    }

    /// A flat group's decoder: keyed reads go to the holder's mapping, not a nested one.
    struct FlatDecoder: Decoder {
        let base: ParameterDecoder
        var codingPath: [any CodingKey] { base.codingPath }
        var userInfo: [CodingUserInfoKey: Any] { [:] }
        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> { try base.container(keyedBy: type) }
        func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw base.wrongType("a mapping") }
        func singleValueContainer() throws -> any SingleValueDecodingContainer { throw base.wrongType("a mapping") }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let decoder: ParameterDecoder
        let items: [JSONValue]
        var currentIndex = 0
        var codingPath: [any CodingKey] { decoder.codingPath }
        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }

        init(decoder: ParameterDecoder, items: [JSONValue]) {
            self.decoder = decoder
            self.items = items
        }

        mutating func next() -> ParameterDecoder {
            defer { currentIndex += 1 }
            return ParameterDecoder(value: items[currentIndex], defaults: nil,
                                    codingPath: decoder.codingPath + [IndexKey(intValue: currentIndex)], log: decoder.log)
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd else { return true }
            if case .null = items[currentIndex] { currentIndex += 1; return true }
            return false
        }

        mutating func decode(_ type: Bool.Type) throws -> Bool { try next().decode(type) }
        mutating func decode(_ type: String.Type) throws -> String { try next().decode(type) }
        mutating func decode(_ type: Double.Type) throws -> Double { try next().decode(type) }
        mutating func decode(_ type: Float.Type) throws -> Float { try next().decode(type) }
        mutating func decode(_ type: Int.Type) throws -> Int { try next().decode(type) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try next().decode(type) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try next().decode(type) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try next().decode(type) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try next().decode(type) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try next().decode(type) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next().decode(type) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next().decode(type) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next().decode(type) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next().decode(type) }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decode(T.self) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try next().container(keyedBy: type)
        }
        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
        mutating func superDecoder() throws -> any Decoder { next() }
    }

    struct Single: SingleValueDecodingContainer {
        let decoder: ParameterDecoder
        var codingPath: [any CodingKey] { decoder.codingPath }

        func decodeNil() -> Bool {
            if case .null? = decoder.effective { return true }
            return decoder.effective == nil
        }

        func decode(_ type: Bool.Type) throws -> Bool {
            guard case .bool(let b)? = decoder.effective else { throw decoder.wrongType("true or false") }
            return b
        }

        func decode(_ type: String.Type) throws -> String {
            guard case .string(let s)? = decoder.effective else { throw decoder.wrongType("a string") }
            return s
        }

        func decode(_ type: Double.Type) throws -> Double {
            switch decoder.effective {
            case .int(let i)?: return Double(i)
            case .double(let d)?: return d
            default: throw decoder.wrongType("a number")
            }
        }

        func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

        func decode(_ type: Int.Type) throws -> Int {
            switch decoder.effective {
            case .int(let i)?: return i
            case .double(let d)? where d == d.rounded() && abs(d) < 1e15: return Int(d)
            default: throw decoder.wrongType("an integer")
            }
        }

        func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
        func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
        func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
        func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
        func decode(_ type: UInt.Type) throws -> UInt { try integer() }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }

        private func integer<I: FixedWidthInteger>() throws -> I {
            guard let v = I(exactly: try decode(Int.self)) else { throw decoder.wrongType("an integer in range") }
            return v
        }

        func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decode(T.self) }
    }

    struct IndexKey: CodingKey {
        var intValue: Int?
        var stringValue: String { "\(intValue ?? 0)" }
        init(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { nil }
    }
}

/// Encodes a value to `JSONValue` through Foundation's encoder; flat groups nest under their
/// property name, as the identity wants them.
enum JSONValueEncoder {
    static func encode(_ value: some Encodable) throws -> JSONValue {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .throw
        return try JSONDecoder().decode(JSONValue.self, from: try encoder.encode(value))
    }
}

import Foundation

/// How trained weights store their float arrays: base64 of the little-endian IEEE-754 bits,
/// exact and a few times smaller and faster to read than a JSON array (a cached re-run of
/// main-table spent a fifth of its time decoding the trained heads' arrays). Decoding also
/// accepts the JSON arrays that earlier versions stored.
enum PackedFloats {
    static func encode<K: CodingKey>(_ values: [Float], forKey key: K, into container: inout KeyedEncodingContainer<K>) throws {
        var bytes = [UInt8]()
        bytes.reserveCapacity(values.count * 4)
        for v in values {
            let b = v.bitPattern.littleEndian
            bytes += [UInt8(truncatingIfNeeded: b), UInt8(truncatingIfNeeded: b >> 8), UInt8(truncatingIfNeeded: b >> 16), UInt8(truncatingIfNeeded: b >> 24)]
        }
        try container.encode(Data(bytes).base64EncodedString(), forKey: key)
    }

    static func decode<K: CodingKey>(forKey key: K, from container: KeyedDecodingContainer<K>) throws -> [Float] {
        guard let text = try? container.decode(String.self, forKey: key) else {
            return try container.decode([Float].self, forKey: key)
        }
        guard let data = Data(base64Encoded: text), data.count % 4 == 0 else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "not base64 of float32 values")
        }
        return data.withUnsafeBytes { raw in
            (0..<(data.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self))) }
        }
    }
}

extension ScoreHead {
    enum CodingKeys: String, CodingKey { case inputs, hidden, parameters, shift, scale }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        inputs = try c.decode(Int.self, forKey: .inputs)
        hidden = try c.decode(Int.self, forKey: .hidden)
        parameters = try PackedFloats.decode(forKey: .parameters, from: c)
        shift = try PackedFloats.decode(forKey: .shift, from: c)
        scale = try PackedFloats.decode(forKey: .scale, from: c)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(inputs, forKey: .inputs)
        try c.encode(hidden, forKey: .hidden)
        try PackedFloats.encode(parameters, forKey: .parameters, into: &c)
        try PackedFloats.encode(shift, forKey: .shift, into: &c)
        try PackedFloats.encode(scale, forKey: .scale, into: &c)
    }
}

extension Projection {
    enum CodingKeys: String, CodingKey { case rows, columns, values }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rows = try c.decode(Int.self, forKey: .rows)
        columns = try c.decode(Int.self, forKey: .columns)
        values = try PackedFloats.decode(forKey: .values, from: c)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rows, forKey: .rows)
        try c.encode(columns, forKey: .columns)
        try PackedFloats.encode(values, forKey: .values, into: &c)
    }
}

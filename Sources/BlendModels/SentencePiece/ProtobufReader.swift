/// A reader of the protobuf wire format, enough for `sentencepiece_model.proto`: varints,
/// 32-bit fields (floats), length-delimited fields (strings, bytes, sub-messages); 64-bit
/// fields and groups are skipped. Malformed input is an error, never a crash.
struct ProtobufReader {
    enum Field {
        case varint(UInt64)
        case fixed32(UInt32)
        case fixed64(UInt64)
        case bytes(ArraySlice<UInt8>)
    }

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    private let bytes: ArraySlice<UInt8>
    private var position: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        position = bytes.startIndex
    }

    var atEnd: Bool { position >= bytes.endIndex }

    /// The next field as (number, value), or nil at the end.
    mutating func next() throws -> (Int, Field)? {
        guard !atEnd else { return nil }
        let key = try varint()
        let number = Int(key >> 3)
        switch key & 7 {
        case 0: return (number, .varint(try varint()))
        case 1:
            guard bytes.endIndex - position >= 8 else { throw Malformed(description: "truncated 64-bit field \(number)") }
            var v: UInt64 = 0
            for i in 0..<8 { v |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
            position += 8
            return (number, .fixed64(v))
        case 2:
            let length = try varint()
            guard length <= UInt64(bytes.endIndex - position) else { throw Malformed(description: "field \(number) runs past the end") }
            let slice = bytes[position..<(position + Int(length))]
            position += Int(length)
            return (number, .bytes(slice))
        case 5:
            guard bytes.endIndex - position >= 4 else { throw Malformed(description: "truncated 32-bit field \(number)") }
            var v: UInt32 = 0
            for i in 0..<4 { v |= UInt32(bytes[position + i]) << (8 * UInt32(i)) }
            position += 4
            return (number, .fixed32(v))
        default:
            throw Malformed(description: "unsupported wire type \(key & 7) of field \(number)")
        }
    }

    private mutating func varint() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.endIndex {
            let b = bytes[position]
            position += 1
            guard shift < 64 else { break }
            value |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return value }
            shift += 7
        }
        throw Malformed(description: "truncated varint")
    }
}

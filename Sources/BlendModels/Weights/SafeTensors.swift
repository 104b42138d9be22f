import Foundation

/// A memory-mapped `.safetensors` file: an 8-byte little-endian header length, a JSON header
/// mapping tensor names to `{dtype, shape, data_offsets}`, then the raw little-endian data.
/// Only F32 tensors are read; the data stay in the map.
public struct SafeTensors: Sendable {
    public struct Entry: Sendable, Equatable {
        public let dtype: String
        public let shape: [Int]
        /// Byte range inside the data section.
        public let begin: Int
        public let end: Int
    }

    public let file: MappedFile
    public let entries: [String: Entry]
    let dataStart: Int

    public init(path: String) throws {
        file = try MappedFile(path: path)
        guard file.count >= 8 else { throw ModelError.corrupt(path: path, reason: "shorter than a safetensors header") }
        var headerLength: UInt64 = 0
        for i in 0..<8 { headerLength |= UInt64(file.bytes.load(fromByteOffset: i, as: UInt8.self)) << (8 * UInt64(i)) }
        guard headerLength > 1, headerLength <= UInt64(file.count - 8) else {
            throw ModelError.corrupt(path: path, reason: "header length \(headerLength) does not fit a \(file.count)-byte file")
        }
        let header = Data(bytes: file.bytes + 8, count: Int(headerLength))
        guard let object = try? JSONSerialization.jsonObject(with: header) as? [String: Any] else {
            throw ModelError.corrupt(path: path, reason: "the header is not a JSON object")
        }
        dataStart = 8 + Int(headerLength)
        let dataCount = file.count - dataStart
        var entries: [String: Entry] = [:]
        for (name, value) in object where name != "__metadata__" {
            guard let fields = value as? [String: Any], let dtype = fields["dtype"] as? String,
                  let shape = fields["shape"] as? [Int], let offsets = fields["data_offsets"] as? [Int], offsets.count == 2
            else { throw ModelError.corrupt(path: path, reason: "tensor \(name) has a malformed header entry") }
            guard offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= dataCount else {
                throw ModelError.corrupt(path: path, reason: "tensor \(name) lies outside the file (truncated download?)")
            }
            entries[name] = Entry(dtype: dtype, shape: shape, begin: offsets[0], end: offsets[1])
        }
        self.entries = entries
    }

    /// The F32 tensor `name` with the expected `shape`, as a pointer into the map (or an aligned
    /// copy when the file places it at an unaligned offset).
    public func tensor(_ name: String, shape: [Int]) throws -> TensorView {
        guard let entry = entries[name] else { throw ModelError.missingTensor(name: name, path: file.path) }
        guard entry.dtype == "F32" else { throw ModelError.unsupported("tensor \(name) is \(entry.dtype); only F32 weights are supported") }
        guard entry.shape == shape else { throw ModelError.badShape(name: name, expected: shape, found: entry.shape) }
        let count = shape.reduce(1, *)
        guard entry.end - entry.begin == count * 4 else {
            throw ModelError.corrupt(path: file.path, reason: "tensor \(name) holds \(entry.end - entry.begin) bytes for \(count) floats")
        }
        let raw = file.bytes + dataStart + entry.begin
        if Int(bitPattern: raw) % MemoryLayout<Float>.alignment == 0 {
            return TensorView(file: file, pointer: raw.assumingMemoryBound(to: Float.self), count: count, owned: nil)
        }
        let copy = UnsafeMutablePointer<Float>.allocate(capacity: count)
        UnsafeMutableRawPointer(copy).copyMemory(from: raw, byteCount: count * 4)
        return TensorView(file: file, pointer: UnsafePointer(copy), count: count, owned: OwnedFloats(copy))
    }
}

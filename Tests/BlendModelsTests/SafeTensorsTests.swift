import Foundation
import Testing
@testable import BlendModels

func writeSafeTensors(header: String, floats: [Float], padTo alignment: Int = 8) throws -> String {
    var h = Array(header.utf8)
    while (8 + h.count) % alignment != 0 { h.append(32) }
    var bytes: [UInt8] = (0..<8).map { UInt8(truncatingIfNeeded: UInt64(h.count) >> (8 * UInt64($0))) } + h
    for f in floats { withUnsafeBytes(of: f.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
    let path = NSTemporaryDirectory() + "blendlab-\(UUID().uuidString).safetensors"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
}

@Test func readsF32TensorsFromTheMap() throws {
    let path = try writeSafeTensors(header: #"{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},"b":{"dtype":"F32","shape":[1],"data_offsets":[16,20]}}"#,
                                    floats: [1, 2, 3, 4, -0.5])
    defer { try? FileManager.default.removeItem(atPath: path) }
    let file = try SafeTensors(path: path)
    let w = try file.tensor("w", shape: [2, 2])
    #expect((0..<4).map { w[$0] } == [1, 2, 3, 4])
    #expect(try file.tensor("b", shape: [1])[0] == -0.5)
    #expect(throws: ModelError.badShape(name: "w", expected: [4], found: [2, 2])) { _ = try file.tensor("w", shape: [4]) }
    #expect(throws: ModelError.missingTensor(name: "x", path: path)) { _ = try file.tensor("x", shape: [1]) }
}

@Test func unalignedTensorsAreCopied() throws {
    let path = try writeSafeTensors(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[1,5]}}"#, floats: [0, 7])
    defer { try? FileManager.default.removeItem(atPath: path) }
    // Offset 1 is unaligned; the bytes there are the tail of 0.0 and the head of 7.0.
    let t = try SafeTensors(path: path).tensor("a", shape: [1])
    #expect(Int(bitPattern: t.pointer) % 4 == 0)
}

@Test func truncatedFileIsReportedAsCorrupt() throws {
    let path = try writeSafeTensors(header: #"{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, floats: [1, 2])
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(throws: ModelError.self) { _ = try SafeTensors(path: path) }
    do { _ = try SafeTensors(path: path) } catch { #expect("\(error)".contains("make models")) }
}

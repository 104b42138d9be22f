/// Frees an aligned copy of a tensor.
final class OwnedFloats: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    init(_ pointer: UnsafeMutablePointer<Float>) { self.pointer = pointer }
    deinit { pointer.deallocate() }
}

/// Read-only floats of one tensor; keeps the map (or its copy) alive.
public struct TensorView: @unchecked Sendable {
    let file: MappedFile
    public let pointer: UnsafePointer<Float>
    public let count: Int
    let owned: OwnedFloats?

    public subscript(i: Int) -> Float { pointer[i] }
}

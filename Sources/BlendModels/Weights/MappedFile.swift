#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only memory map of a whole file; unmapped when the last reference goes.
///
/// Weights are read straight from the map, so loading a model costs page faults rather than a
/// copy, and the pages are shared with the page cache.
public final class MappedFile: @unchecked Sendable {
    public let path: String
    public let count: Int
    public let bytes: UnsafeRawPointer

    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ModelError.missingFile(path: path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ModelError.corrupt(path: path, reason: "cannot stat") }
        count = Int(info.st_size)
        guard count > 0 else { throw ModelError.corrupt(path: path, reason: "empty file") }
        guard let mapped = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
            throw ModelError.corrupt(path: path, reason: "cannot memory-map it")
        }
        bytes = UnsafeRawPointer(mapped)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: bytes), count) }
}

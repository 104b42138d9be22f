import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive advisory lock (flock) on a file beside the cache, held while migrations run, so
/// concurrent processes apply them one after another. The kernel drops the lock if the holder dies.
/// Where no lock file can be opened (a read-only or full file system), migration runs unlocked:
/// it cannot write either, and SQLite's own error then says why.
enum MigrationLock {
    static func holding<T>(_ lockPath: String, _ body: () throws -> T) throws -> T {
        var fd = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        if fd < 0 { fd = open(lockPath, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { return try body() }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}

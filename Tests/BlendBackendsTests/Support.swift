import Foundation
#if canImport(Glibc)
import Glibc
#endif

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

func scratchDirectory() throws -> String {
    let dir = NSTemporaryDirectory() + "blendlab-backends-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// A child process started by a test. Stopped with SIGKILL (SIGTERM is blocked in the test
/// process and its children inherit the mask, so terminate() would hang).
final class Child: @unchecked Sendable {
    let process = Process()
    let output = Pipe()

    init(_ executable: String, _ arguments: [String], logFile: String? = nil) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
        process.standardOutput = output
        if let logFile {
            FileManager.default.createFile(atPath: logFile, contents: nil)
            process.standardError = FileHandle(forWritingAtPath: logFile)
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
    }

    /// The first line the child writes to standard output.
    func firstLine() -> String {
        var bytes: [UInt8] = []
        while true {
            let chunk = output.fileHandleForReading.readData(ofLength: 1)
            guard let byte = chunk.first, byte != 10 else { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func kill() {
        guard process.isRunning else { return }
        _ = Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { kill() }
}

/// The fake OpenAI-compatible server of `Fixtures/fake_openai.py`, for error-handling tests only.
final class FakeServer: @unchecked Sendable {
    let child: Child
    let port: Int
    var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    /// Waits for the server's port on a thread of its own: a Python start takes seconds on a
    /// loaded machine, and blocking the cooperative pool's few threads for it (the suite starts
    /// many servers at once) stalled every other test's tasks, timers included.
    init(plan: String, delay: Double = 0) async throws {
        guard let script = Bundle.module.path(forResource: "fake_openai", ofType: "py", inDirectory: "Fixtures") else {
            throw TestFailure("fake_openai.py is not in the test bundle")
        }
        let child = try Child("/usr/bin/env", ["python3", script, plan, String(delay)])
        let line = await withCheckedContinuation { (done: CheckedContinuation<String, Never>) in
            Thread { done.resume(returning: child.firstLine()) }.start()
        }
        guard let port = Int(line) else { throw TestFailure("the fake server did not print its port") }
        self.child = child
        self.port = port
    }

    /// The server's counters and the request bodies it received.
    func stats() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(string: "http://127.0.0.1:\(port)/stats")!)
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    deinit { child.kill() }
}

/// A port nothing listens on.
func closedPort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    addr.sin_port = 0
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
    _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
    close(fd)
    return Int(UInt16(bigEndian: addr.sin_port))
}

import BlendData
import Foundation
import Testing

/// A real HTTP server (Python's http.server) on 127.0.0.1 serving `directory`.
final class LocalHTTPServer {
    let process = Process()
    let port: Int

    init(serving directory: String) throws {
        port = Int.random(in: 20000..<40000)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", directory]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 {
            if (try? Data(contentsOf: URL(string: "http://127.0.0.1:\(port)/")!)) != nil { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        stop()
        throw DataError.fetchFailed(url: "http://127.0.0.1:\(port)/", reason: "local server did not start")
    }

    /// SIGKILL: the test process may block SIGTERM, and children inherit the blocked mask.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }
}

@Test("integration (local HTTP server on 127.0.0.1): fetch downloads every file of the data set, then keeps them")
func fetchOverHTTP() async throws {
    let server = try LocalHTTPServer(serving: realData)
    let target = try scratchDirectory()
    let fetcher = DataFetcher(dataDirectory: target, mirror: nil, baseURL: "http://127.0.0.1:\(server.port)")
    let set = try DataFetcher.dataSet(named: "alpaca-eval")
    let first = try await fetcher.fetch(set)
    #expect(first.fetched == set.files.count && first.kept == 0)
    for file in set.files {
        let downloaded = FileManager.default.contents(atPath: "\(target)/alpaca_eval/\(file)")
        #expect(downloaded == FileManager.default.contents(atPath: "\(realData)/\(file)"))
    }
    let second = try await fetcher.fetch(set)
    #expect(second.fetched == 0 && second.kept == set.files.count)
}

@Test("integration (local HTTP server): a missing file is an error naming the URL and status")
func fetchMissingFile() async throws {
    let empty = try scratchDirectory()
    let server = try LocalHTTPServer(serving: empty)
    let fetcher = DataFetcher(dataDirectory: try scratchDirectory(), mirror: nil, baseURL: "http://127.0.0.1:\(server.port)")
    do {
        try await fetcher.fetch(try DataFetcher.dataSet(named: "alpaca-eval"))
        Issue.record("expected an error")
    } catch let error as DataError {
        #expect(error.description.contains("http://127.0.0.1:\(server.port)/results/gpt4_1106_preview/model_outputs.json"))
        #expect(error.description.contains("HTTP 404"))
    }
}

@Test("a mirror directory is copied; an unknown data set lists the known ones")
func fetchFromMirror() async throws {
    let mirror = try scratchDirectory()
    try FileManager.default.createSymbolicLink(atPath: mirror + "/alpaca_eval", withDestinationPath: realData)
    let target = try scratchDirectory()
    let set = try DataFetcher.dataSet(named: "alpaca-eval")
    let result = try await DataFetcher(dataDirectory: target, mirror: mirror, baseURL: nil).fetch(set)
    // Two references' outputs, and outputs + annotations of the 14 evaluated and 33 training models.
    #expect(result.fetched == 2 + 2 * (14 + 33) && result.fetched == set.files.count)
    #expect(throws: DataError.self) { try DataFetcher.dataSet(named: "mmlu") }
}

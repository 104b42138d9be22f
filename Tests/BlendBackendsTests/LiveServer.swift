import Foundation

/// The real local LLM server (scripts/llm-server.sh, llama-cpp-python): `.ci/run` starts it
/// before `make test`; the integration tests start it themselves when it is installed but not
/// running, and fail with what to do when it is not installed.
enum LiveServer {
    static let port = Int(ProcessInfo.processInfo.environment["LLM_PORT"] ?? "") ?? 8088
    /// SmolLM2 in embedding mode (`smollm2-embed`, mean pooling).
    static var embeddingPort: Int { port + 3 }
    static var python: String { packageRoot + "/.venv-llm/bin/python" }

    static func answers(_ port: Int) -> Bool {
        guard let url = URL(string: "http://127.0.0.1:\(port)/v1/models") else { return false }
        return (try? Data(contentsOf: url)) != nil
    }

    /// Makes sure the four local servers answer; starts them when they are installed.
    static func ensure() throws {
        if (0..<4).allSatisfy({ answers(port + $0) }) { return }
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw TestFailure("the local LLM server is not installed; run `make llm-server` (first build about 12 minutes), then the tests")
        }
        let start = Process()
        start.executableURL = URL(fileURLWithPath: "/bin/bash")
        start.arguments = [packageRoot + "/scripts/llm-server.sh", "start"]
        start.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
        start.standardOutput = FileHandle.nullDevice
        try start.run()
        // Polls the servers instead of waiting for the script's exit: Foundation's
        // waitUntilExit() was seen to spin forever on Linux once the script had exited and left
        // its servers running in the background (the script itself was a zombie).
        for _ in 0..<1200 {
            if (0..<4).allSatisfy({ answers(port + $0) }) { return }
            Thread.sleep(forTimeInterval: 0.25)
        }
        throw TestFailure("scripts/llm-server.sh start did not bring the server up on \(port)-\(port + 3) within 5 minutes; see .llm-server/")
    }

    /// A private SmolLM2 server on a free port, for a test that kills it.
    static func startPrivate(port: Int, log: String) throws -> Child {
        try startPrivate(["-m", "llama_cpp.server"], alias: "smollm2", port: port, log: log)
    }

    /// A private SmolLM2 embedding server (`smollm2-embed`, mean pooling) on a free port.
    static func startPrivateEmbedding(port: Int, log: String) throws -> Child {
        try startPrivate([packageRoot + "/scripts/embedding_server.py"], alias: "smollm2-embed", port: port, log: log, extra: ["--embedding", "true"])
    }

    static func startPrivate(_ main: [String], alias: String, port: Int, log: String, extra: [String] = []) throws -> Child {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw TestFailure("the local LLM server is not installed; run `make llm-server`")
        }
        let child = try Child(python, main + ["--model", packageRoot + "/models/llm/SmolLM2-135M-Instruct.Q4_1.gguf",
                                              "--model_alias", alias, "--host", "127.0.0.1", "--port", String(port),
                                              "--n_threads", "2", "--n_ctx", "2048"] + extra, logFile: log)
        for _ in 0..<240 {
            if answers(port) { return child }
            guard child.process.isRunning else { throw TestFailure("the private server exited; see \(log)") }
            Thread.sleep(forTimeInterval: 0.25)
        }
        child.kill()
        throw TestFailure("the private server did not answer on \(port) within 60 s; see \(log)")
    }
}

import ArgumentParser
import BlendBackends
import BlendCore
import BlendRunner
import BlendStore
import Foundation

/// `blendlab generate`: JSON lines `{"id", "prompt"}` in, `{"id", "text", "usage"}` out, one
/// backend call per line through the same SQLite cache as experiments.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate text for JSON lines {\"id\",\"prompt\"} with an OpenAI-compatible server; writes {\"id\",\"text\",\"usage\"} lines.",
        discussion: "Every call is cached (--cache); a second run with the same settings makes no call."
    )

    @Option(help: "Base URL of the OpenAI-compatible server, up to /v1.")
    var backend: String = "http://127.0.0.1:8088/v1"
    @Option(help: "Model name as the server knows it.")
    var model: String
    @Option(help: "chat (/v1/chat/completions, prompt as one user message) or completion (/v1/completions).")
    var mode: String = "chat"
    @Option(help: "Input file of JSON lines; standard input when absent.")
    var input: String?
    @Option var temperature: Double = 0
    @Option(name: .customLong("top-p")) var topP: Double = 1
    @Option(name: .customLong("max-tokens")) var maxTokens: Int = 128
    @Option(help: "A stop sequence (repeatable).") var stop: [String] = []
    @Option(help: "Server-side sampling seed.") var seed: Int?
    @Option(help: "Samples per prompt (sample index 0..n-1, seed + index); output lines carry \"sample\" when n > 1.") var n: Int = 1
    @Option(name: .customLong("api-key-env"), help: "Environment variable holding the API key.") var apiKeyEnv: String?
    @Option(help: "Calls in flight at once.") var concurrency: Int = 1
    @Option(help: "Seconds per request.") var timeout: Double = 120
    @Option(help: "Retries on connection errors, 429 and 5xx.") var retries: Int = 4
    @OptionGroup var paths: PathOptions

    func validate() throws {
        guard ["chat", "completion"].contains(mode) else { throw ValidationError("--mode must be chat or completion") }
        guard n >= 1, concurrency >= 1, maxTokens >= 1 else { throw ValidationError("--n, --concurrency and --max-tokens must be at least 1") }
    }

    func run() async throws {
        let lines = try readLines()
        let config = BackendConfig(name: "cli", baseURL: backend, apiKeyEnv: apiKeyEnv, concurrency: concurrency,
                                   timeout: timeout, retries: retries)
        let generation = try CachedGeneration(backends: [config], store: try CacheStore(path: paths.cache))
        var requests: [(id: JSONValue, sample: Int, request: GenerationRequest)] = []
        for (id, prompt) in lines {
            for sample in 0..<n {
                let sampling = Sampling(temperature: temperature, topP: topP, maxTokens: maxTokens, stop: stop, seed: seed.map { $0 + sample })
                requests.append((id, sample, GenerationRequest(backend: "cli", model: model,
                                                                prompt: mode == "chat" ? .chat([ChatMessage(role: "user", content: prompt)]) : .completion(prompt),
                                                                sampling: sampling, sample: sample, purpose: "generate")))
            }
        }
        let calls = requests.map(\.request)
        var results = [GenerationResult?](repeating: nil, count: calls.count)
        try await withThrowingTaskGroup(of: (Int, GenerationResult).self) { group in
            var next = 0
            for _ in 0..<min(concurrency, requests.count) {
                let i = next; next += 1
                group.addTask { (i, try await generation.generate(calls[i])) }
            }
            while let (i, result) = try await group.next() {
                results[i] = result
                if next < requests.count {
                    let j = next; next += 1
                    group.addTask { (j, try await generation.generate(calls[j])) }
                }
            }
        }
        for (i, r) in requests.enumerated() {
            guard let result = results[i] else { continue }
            var line: [String: JSONValue] = ["id": r.id, "text": .string(result.text),
                                             "usage": .object(["prompt_tokens": .int(result.usage.promptTokens),
                                                               "completion_tokens": .int(result.usage.completionTokens)])]
            if n > 1 { line["sample"] = .int(r.sample) }
            print(JSONValue.object(line).canonical)
        }
    }

    /// (id, prompt) per non-blank input line; a malformed line is an error naming its number.
    private func readLines() throws -> [(JSONValue, String)] {
        let data: Data
        if let input {
            guard let d = FileManager.default.contents(atPath: input) else { throw ValidationError("cannot read --input \(input)") }
            data = d
        } else {
            data = FileHandle.standardInput.readDataToEndOfFile()
        }
        var out: [(JSONValue, String)] = []
        for (n, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            guard case .object(let o)? = try? JSONDecoder().decode(JSONValue.self, from: Data(line.utf8)),
                  let id = o["id"], case .string(let prompt)? = o["prompt"] else {
                throw ValidationError("\(input ?? "stdin") line \(n + 1): expected a JSON object with \"id\" and a string \"prompt\"")
            }
            out.append((id, prompt))
        }
        return out
    }
}

import BlendBackends
import BlendCore
import BlendRunner
import BlendStore
import Foundation
import Testing

/// Integration tests against the real local LLM server (llama-cpp-python with SmolLM2 and
/// Gemma-3): live candidates, judging, LM-scoring, fusion, the cache, a killed server.
@Suite(.serialized) struct LiveServerIntegrationTests {
    func spec(_ yaml: String, in dir: String, overrides: [String] = []) throws -> ExperimentSpec {
        let path = dir + "/live.yaml"
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        return try ExperimentFile.load(path, overrides: overrides)
    }

    func tiny(port: Int, limit: Int, maxTokens: Int = 24, temperature: Double = 0.7, topP: Double = 1, stop: String = "###",
              seed: Int = 1, samples: Int = 1, baseURL: String? = nil) -> String {
        """
        name: live-tiny
        seed: 1
        dataset: {source: alpaca-eval, path: \(packageRoot)/data/alpaca_eval, candidates: [alpaca-7b], limit: \(limit)}
        backends:
          live: {base_url: "\(baseURL ?? "http://127.0.0.1:\(port)/v1")", retries: 1, backoff: 0.1, timeout: 60}
        generate:
          - {id: llm-generate, name: smol, backend: live, model: smollm2, max_tokens: \(maxTokens), temperature: \(temperature), top_p: \(topP), stop: ["\(stop)"], seed: \(seed), samples: \(samples)}
        rankers: [length]
        metrics: [oracle-rank]
        """
    }

    @Test func liveMiniIntegrationColdThenCached() async throws {
        try LiveServer.ensure()
        let dir = try scratchDirectory()
        // The real experiment file, with 3 instructions and shorter answers to keep `make test` short.
        let text = try String(contentsOfFile: packageRoot + "/Experiments/live-mini.yaml", encoding: .utf8)
            .replacingOccurrences(of: "max_tokens: 64", with: "max_tokens: 24").replacingOccurrences(of: "max_tokens: 96", with: "max_tokens: 32")
        #expect(text.contains("max_tokens: 24") && text.contains("max_tokens: 32"))
        let path = dir + "/live-mini.yaml"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let spec = try ExperimentFile.load(path, overrides: ["dataset.limit=3", "dataset.path=\(packageRoot)/data/alpaca_eval"])
        let options = RunOptions(cachePath: dir + "/cache.sqlite", resultsDirectory: dir, quiet: true)
        let cold = try await Runner(spec: spec, options: options).run()
        let usage = try #require(cold.usage)
        #expect(usage.reduce(0) { $0 + $1.calls } > 0)
        #expect(usage.allSatisfy { $0.promptTokens > 0 || $0.calls == 0 })
        #expect(Set(usage.map(\.component)).isSuperset(of: ["llm-generate:smollm2", "llm-generate:gemma3", "llm-judge", "lm-score", "chat-fuser"]))
        #expect(cold.data.candidates == [ModelName("smollm2"), ModelName("gemma3")])
        let blenders = cold.methods.filter { $0.group == .blender }
        #expect(blenders.count == 2)   // 2 rankers x top_k [2] x 1 fuser
        for b in blenders { #expect(cold.aggregates[b.key]?["oracle-rank"]?.count == 3) }
        let report = try String(contentsOfFile: dir + "/live-mini/report.md", encoding: .utf8)
        #expect(report.contains("## Cost and usage"))

        let warm = try await Runner(spec: spec, options: options).run()
        #expect(warm.usage?.reduce(0) { $0 + $1.calls } ?? 0 == 0)
        #expect(warm.aggregates == cold.aggregates)
        #expect(warm.examples == cold.examples)
        #expect(warm.provenance.stages.allSatisfy { $0.misses == 0 })
    }

    @Test func killedServerIntegrationStopsClearlyAndResumes() async throws {
        let dir = try scratchDirectory()
        let port = closedPort()
        var server = try LiveServer.startPrivate(port: port, log: dir + "/server.log")
        let spec = try spec(tiny(port: port, limit: 6, maxTokens: 48), in: dir)
        let options = RunOptions(cachePath: dir + "/cache.sqlite", resultsDirectory: dir, quiet: true)
        let store = try CacheStore(path: options.cachePath)
        func finished() throws -> Int { try store.stats().stages.first { $0.stage == "llm" }?.rows ?? 0 }

        let run = Task { try await Runner(spec: spec, options: options).run() }
        var waited = 0.0
        while try finished() < 2, waited < 300 {
            try await Task.sleep(nanoseconds: 100_000_000)
            waited += 0.1
        }
        server.kill()
        do {
            _ = try await run.value
            Issue.record("the run finished although the server was killed")
        } catch let error as BackendError {
            let message = error.description
            #expect(message.contains("backend 'live' at http://127.0.0.1:\(port)/v1/chat/completions did not answer"))
            #expect(message.contains("make llm-server"))
            #expect(message.contains("in the cache"))
        }
        let before = try finished()
        #expect(before >= 2 && before < 6)

        server = try LiveServer.startPrivate(port: port, log: dir + "/server2.log")
        defer { server.kill() }
        let document = try await Runner(spec: spec, options: options).run()
        let usage = try #require(document.usage?.first)
        #expect(usage.calls == 6 - before)   // finished calls are not repeated
        #expect(document.provenance.stages.first { $0.stage == "generate" }?.hits == before)
        #expect(try finished() == 6)
    }

    @Test func cacheExplainNamesEveryChangedFieldIntegration() async throws {
        try LiveServer.ensure()
        let dir = try scratchDirectory()
        let options = RunOptions(cachePath: dir + "/cache.sqlite", resultsDirectory: dir, quiet: true)
        let port = LiveServer.port
        _ = try await Runner(spec: try spec(tiny(port: port, limit: 1, maxTokens: 4), in: dir), options: options).run()
        let variations: [(String, String)] = [
            ("request.sampling.max_tokens", tiny(port: port, limit: 1, maxTokens: 5)),
            ("request.sampling.temperature", tiny(port: port, limit: 1, maxTokens: 4, temperature: 0.3)),
            ("request.sampling.top_p", tiny(port: port, limit: 1, maxTokens: 4, topP: 0.8)),
            ("request.sampling.stop[0]", tiny(port: port, limit: 1, maxTokens: 4, stop: "@@@")),
            ("request.sampling.seed", tiny(port: port, limit: 1, maxTokens: 4, seed: 2)),
            ("backend.base_url", tiny(port: port, limit: 1, maxTokens: 4, baseURL: "http://localhost:\(port)/v1")),
        ]
        let store = try CacheStore(path: options.cachePath)
        for (field, yaml) in variations {
            let document = try await Runner(spec: try spec(yaml, in: dir), options: options).run()
            #expect(document.usage?.first?.calls == 1, "changing \(field) must make one live call")
            let explained = try #require(try store.explain(experiment: "live-tiny"))
            let llm = explained.first { $0.stage == "llm" }
            #expect(llm?.differingFields == [field])
            #expect(llm?.count == 1)
        }
        // A second sample is a new key too: sample 0 is cached, sample 1 misses on `request.sample` (and its seed).
        let document = try await Runner(spec: try spec(tiny(port: port, limit: 1, maxTokens: 4, samples: 2), in: dir), options: options).run()
        #expect(document.usage?.first?.calls == 1)
        #expect(document.usage?.first?.cachedCalls == 1)
    }

    @Test func generateVerbIntegrationIsCached() throws {
        try LiveServer.ensure()
        let dir = try scratchDirectory()
        let input = dir + "/in.jsonl"
        try Data(#"{"id": "a", "prompt": "Name a colour."}\#n\#n{"id": 2, "prompt": "Say <b>hi</b> | twice."}\#n"#.utf8)
            .write(to: URL(fileURLWithPath: input))
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("blendlab").path
        func run() throws -> [[String: Any]] {
            let child = try Child(binary, ["generate", "--backend", "http://127.0.0.1:\(LiveServer.port)/v1", "--model", "smollm2",
                                           "--max-tokens", "8", "--input", input, "--cache", dir + "/cache.sqlite"])
            let data = child.output.fileHandleForReading.readDataToEndOfFile()
            child.process.waitUntilExit()
            #expect(child.process.terminationStatus == 0)
            return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }
        let first = try run()
        #expect(first.count == 2)
        #expect(first.first?["id"] as? String == "a")
        #expect(first.last?["id"] as? Int == 2)
        #expect(first.allSatisfy { !(($0["text"] as? String) ?? "").isEmpty })
        #expect(first.allSatisfy { (($0["usage"] as? [String: Any])?["prompt_tokens"] as? Int ?? 0) > 0 })
        let second = try run()   // from the cache: same texts
        #expect(second.map { $0["text"] as? String } == first.map { $0["text"] as? String })
        let rows = try CacheStore(path: dir + "/cache.sqlite").stats().stages.first { $0.stage == "llm" }?.rows
        #expect(rows == 2)
    }
}

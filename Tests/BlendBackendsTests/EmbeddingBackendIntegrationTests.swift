import BlendBackends
import BlendCore
@testable import BlendRunner
import BlendStore
import Foundation
import Testing

/// Rankers on served embeddings against the real llama.cpp server in embedding mode (SmolLM2,
/// mean pooling; `scripts/llm-server.sh` serves it on port 8088 + 3): every vector cached, the
/// rankers' scores the cosines of the server's own vectors, a server killed mid-run.
@Suite(.serialized) struct EmbeddingBackendIntegrationTests {
    func experiment(port: Int, limit: Int, rankers: String, dir: String) throws -> ExperimentSpec {
        let yaml = """
        name: served-embeddings
        seed: 1
        dataset: {source: alpaca-eval, path: \(packageRoot)/data/alpaca_eval, candidates: [alpaca-7b, vicuna-7b, vicuna-13b], limit: \(limit)}
        backends:
          embed: {base_url: "http://127.0.0.1:\(port)/v1", model: smollm2-embed, retries: 1, backoff: 0.1, timeout: 60}
        rankers: \(rankers)
        metrics: [oracle-rank]
        """
        let path = dir + "/served.yaml"
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        return try ExperimentFile.load(path)
    }

    @Test func servedEmbeddingRankersIntegrationMatchTheServerAndAreCached() async throws {
        try LiveServer.ensure()
        let port = LiveServer.embeddingPort
        let dir = try scratchDirectory()
        let spec = try experiment(port: port, limit: 3, rankers: "[{id: simcls, backend: embed}, {id: mbr-embedding, backend: embed}]", dir: dir)
        #expect(spec.rankers.map(\.made.displayName) == ["simcls(backend=embed,model=smollm2-embed)", "mbr-embedding(backend=embed,model=smollm2-embed)"])
        let options = RunOptions(cachePath: dir + "/cache.sqlite", resultsDirectory: dir, quiet: true)
        let cold = try await Runner(spec: spec, options: options).run()
        let embed = try #require(cold.provenance.stages.first { $0.stage == "embed" })
        #expect(embed.misses == 3 * 4)          // instruction + 3 candidates per example, each sent once
        #expect(embed.hits == 3 * 3)            // mbr-embedding reads the candidates simcls stored

        // simcls's scores are the cosines of the server's own vectors, asked for here directly.
        let backend = try OpenAIBackend(config: BackendConfig(name: "direct", baseURL: "http://127.0.0.1:\(port)/v1"))
        let data = try EvaluationData(spec: spec.dataset)
        let first = try #require(cold.examples.first)
        let example = try #require(data.examples.first { $0.id == first.id })
        let vectors = try await backend.embed(model: "smollm2-embed", inputs: [example.source] + example.candidates.map(\.text), dimensions: nil)
        #expect(vectors.count == 4 && vectors.allSatisfy { $0.count == 576 })
        func cosine(_ a: [Float], _ b: [Float]) -> Double {
            let dot = zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            return dot / (a.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot() * b.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
        }
        let expected = vectors.dropFirst().map { cosine(vectors[0], $0) }
        let simcls = try #require(cold.methods.first { $0.label.hasPrefix("simcls") })
        let picked = try #require(first.outcomes[simcls.key]?.selected)
        let best = expected.indices.max { (expected[$0], -$0) < (expected[$1], -$1) }
        #expect(picked == best)
        let store = try CacheStore(path: options.cachePath)
        let stored = try store.values(for: [CachedEmbeddings.key(backend: "embed", identity: BackendConfig(name: "embed", baseURL: "http://127.0.0.1:\(port)/v1").identity,
                                                               model: "smollm2-embed", dimensions: nil, text: example.source)])
        let vector = try #require(stored.values.first.flatMap(CachedEmbeddings.vector))
        #expect(zip(vector, vectors[0]).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) })

        let warm = try await Runner(spec: spec, options: options).run()
        #expect(warm.provenance.stages.allSatisfy { $0.misses == 0 })
        #expect(warm.aggregates == cold.aggregates)
        #expect(warm.examples == cold.examples)
    }

    @Test func killedEmbeddingServerIntegrationStopsNamingTheBackendAndResumes() async throws {
        let dir = try scratchDirectory()
        let port = closedPort()
        var server = try LiveServer.startPrivateEmbedding(port: port, log: dir + "/server.log")
        let spec = try experiment(port: port, limit: 12, rankers: "[{id: simcls, backend: embed}]", dir: dir)
        let options = RunOptions(cachePath: dir + "/cache.sqlite", resultsDirectory: dir, quiet: true)
        let store = try CacheStore(path: options.cachePath)
        func finished() throws -> Int { try store.stats().stages.first { $0.stage == "embed" }?.rows ?? 0 }

        let run = Task { try await Runner(spec: spec, options: options).run() }
        var waited = 0.0
        while try finished() < 8, waited < 300 {
            try await Task.sleep(nanoseconds: 50_000_000)
            waited += 0.05
        }
        server.kill()
        do {
            _ = try await run.value
            Issue.record("the run finished although the embedding server was killed")
        } catch let error as BackendError {
            #expect(error.description.contains("backend 'embed' at http://127.0.0.1:\(port)/v1/embeddings did not answer"))
            #expect(error.description.contains("in the cache"))
        }
        let before = try finished()
        #expect(before >= 8 && before < 12 * 4)

        server = try LiveServer.startPrivateEmbedding(port: port, log: dir + "/server2.log")
        defer { server.kill() }
        let document = try await Runner(spec: spec, options: options).run()
        let embed = try #require(document.provenance.stages.first { $0.stage == "embed" })
        // Finished calls are not repeated: every text is sent once over the two runs. Examples
        // whose scores were stored are not embedded again at all; at most the one whose vectors
        // arrived just before the kill reads them back.
        #expect(embed.misses == 12 * 4 - before)
        #expect(embed.hits <= 4)
        #expect(try finished() == 12 * 4)
    }
}

/// `blendlab embed --backend`: the served vectors, normalised, through the cache.
@Test func embedVerbIntegrationServesAndCaches() throws {
    try LiveServer.ensure()
    let dir = try scratchDirectory()
    let input = dir + "/texts.jsonl"
    try Data("{\"id\": 1, \"text\": \"Name three colours.\"}\n{\"id\": \"b\", \"text\": \"Red, green and blue.\"}\n".utf8)
        .write(to: URL(fileURLWithPath: input))
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("blendlab").path
    func embed(_ extra: [String] = []) throws -> (status: Int32, out: String, err: String) {
        let child = try Child(binary, ["embed", "--backend", "http://127.0.0.1:\(LiveServer.embeddingPort)/v1", "--model", "smollm2-embed",
                                       "--input", input, "--cache", dir + "/cache.sqlite"] + extra)
        let out = child.output.fileHandleForReading.readDataToEndOfFile()
        child.process.waitUntilExit()
        return (child.process.terminationStatus, String(decoding: out, as: UTF8.self), "")
    }
    let cold = try embed()
    #expect(cold.status == 0)
    let lines = cold.out.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    #expect(lines.count == 2)
    for line in lines {
        let v = try #require(line?["embedding"] as? [Double])
        #expect(v.count == 576)
        #expect(abs(v.reduce(0) { $0 + $1 * $1 } - 1) < 1e-4)
    }
    #expect(lines[1]?["id"] as? String == "b")
    let store = try CacheStore(path: dir + "/cache.sqlite")
    #expect(try store.stats().stages.first { $0.stage == "embed" }?.rows == 2)
    let warm = try embed()
    #expect(warm.out == cold.out)
    #expect(try store.stats().stages.first { $0.stage == "embed" }?.rows == 2)
}

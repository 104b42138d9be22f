import BlendBackends
import BlendCore
import Foundation
import Testing

/// Error handling against the fake server (Fixtures/fake_openai.py); the real server is in
/// LiveServerIntegrationTests.
@Suite struct OpenAIBackendTests {
    func chat(_ text: String = "hi") -> GenerationRequest {
        GenerationRequest(backend: "fake", model: "m", prompt: .chat([ChatMessage(role: "user", content: text)]),
                          sampling: Sampling(temperature: 0, maxTokens: 8), purpose: "test")
    }

    @Test func retries429And500ThenSucceeds() async throws {
        let server = try await FakeServer(plan: "429,500,200")
        let backend = try OpenAIBackend(config: BackendConfig(name: "fake", baseURL: server.baseURL, retries: 3, backoff: 0.01))
        let result = try await backend.send(chat())
        #expect(result.text == "1. A is better")
        #expect(result.usage == TokenUsage(promptTokens: 7, completionTokens: 3))
        #expect(try server.stats()["requests"] as? Int == 3)
    }

    @Test func givesUpAfterRetriesNamingTheBackend() async throws {
        let server = try await FakeServer(plan: "503")
        let backend = try OpenAIBackend(config: BackendConfig(name: "fake", baseURL: server.baseURL, retries: 2, backoff: 0.01))
        do {
            _ = try await backend.send(chat())
            Issue.record("expected an error")
        } catch let error as BackendError {
            #expect(error.description.hasPrefix("backend 'fake' at \(server.baseURL)/chat/completions answered HTTP 503 after 3 attempts"))
        }
        #expect(try server.stats()["requests"] as? Int == 3)
    }

    @Test func doesNotRetryAClientError() async throws {
        let server = try await FakeServer(plan: "400,200")
        let backend = try OpenAIBackend(config: BackendConfig(name: "fake", baseURL: server.baseURL, retries: 3, backoff: 0.01))
        await #expect(throws: BackendError.self) { _ = try await backend.send(chat()) }
        #expect(try server.stats()["requests"] as? Int == 1)
    }

    @Test func connectionRefusedSaysWhatToDo() async throws {
        let url = "http://127.0.0.1:\(closedPort())/v1"
        let backend = try OpenAIBackend(config: BackendConfig(name: "local", baseURL: url, retries: 1, backoff: 0.01))
        do {
            _ = try await backend.send(chat())
            Issue.record("expected an error")
        } catch let error as BackendError {
            #expect(error.description.contains("backend 'local' at \(url)/chat/completions did not answer"))
            #expect(error.description.contains("after 2 attempts"))
            #expect(error.description.contains("make llm-server"))
        }
    }

    @Test func aSlowServerTimesOutAndIsRetried() async throws {
        let server = try await FakeServer(plan: "200", delay: 5)
        let backend = try OpenAIBackend(config: BackendConfig(name: "slow", baseURL: server.baseURL, timeout: 0.3, retries: 1, backoff: 0.01))
        let start = Date()
        do {
            _ = try await backend.send(chat())
            Issue.record("expected an error")
        } catch let error as BackendError {
            #expect(error.description.contains("did not answer (timed out) after 2 attempts"))
        }
        // Waiting for the server's answers would take 10 s; a loaded machine adds a few seconds at most.
        #expect(Date().timeIntervalSince(start) < 5, "each attempt is abandoned at its timeout, not when the server answers")
        #expect(try server.stats()["requests"] as? Int == 2)
    }

    @Test func aCancelledCallThrowsCancellationAndIsNotRetried() async throws {
        let server = try await FakeServer(plan: "200", delay: 8)
        let backend = try OpenAIBackend(config: BackendConfig(name: "fake", baseURL: server.baseURL, retries: 3, backoff: 0.01))
        let call = Task { try await backend.send(chat()) }
        try await Task.sleep(nanoseconds: 300_000_000)
        let start = Date()
        call.cancel()
        await #expect(throws: CancellationError.self) { _ = try await call.value }
        #expect(Date().timeIntervalSince(start) < 5, "the request is cancelled, not waited for (the server answers after 8 s)")
        #expect(try server.stats()["requests"] as? Int ?? 0 <= 1, "a cancelled call is not retried")
    }

    @Test func concurrencyLimitHolds() async throws {
        let server = try await FakeServer(plan: "200", delay: 0.2)
        let backend = try OpenAIBackend(config: BackendConfig(name: "fake", baseURL: server.baseURL, concurrency: 2))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<6 { group.addTask { _ = try await backend.send(chat("q\(i)")) } }
            try await group.waitForAll()
        }
        let stats = try server.stats()
        #expect(stats["requests"] as? Int == 6)
        #expect(stats["max_in_flight"] as? Int == 2)
    }

    @Test func sendsTheKeyFromTheNamedVariableAndEveryParameter() async throws {
        let server = try await FakeServer(plan: "200")
        let backend = try OpenAIBackend(config: BackendConfig(name: "fake", baseURL: server.baseURL, apiKeyEnv: "FAKE_KEY"),
                                        environment: ["FAKE_KEY": "sk-test"])
        var request = chat()
        request.sampling = Sampling(temperature: 0.5, topP: 0.9, maxTokens: 12, stop: ["\n"], seed: 7)
        _ = try await backend.send(request)
        let bodies = try server.stats()["bodies"] as? [[String: Any]] ?? []
        #expect(bodies.first?["auth"] as? String == "Bearer sk-test")
        let body = bodies.first?["body"] as? [String: Any] ?? [:]
        #expect(body["temperature"] as? Double == 0.5)
        #expect(body["top_p"] as? Double == 0.9)
        #expect(body["max_tokens"] as? Int == 12)
        #expect(body["stop"] as? [String] == ["\n"])
        #expect(body["seed"] as? Int == 7)
        #expect(throws: BackendError.self) { try OpenAIBackend(config: BackendConfig(name: "x", baseURL: server.baseURL, apiKeyEnv: "NOPE"), environment: [:]) }
    }

    @Test func parsesEchoedLogprobs() async throws {
        let server = try await FakeServer(plan: "200")
        let backend = try OpenAIBackend(config: BackendConfig(name: "fake", baseURL: server.baseURL))
        let result = try await backend.send(GenerationRequest(backend: "fake", model: "m", prompt: .completion("a b c"),
                                                              sampling: Sampling(maxTokens: 1), echoLogprobs: true, purpose: "test"))
        #expect(result.tokens?.map(\.offset) == [0, 2, 4])
        #expect(result.tokens?.map(\.logprob) == [nil, -1, -1])
    }
}

import BlendCore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A client of one OpenAI-compatible server (`/v1/chat/completions`, `/v1/completions`,
/// `/v1/embeddings`).
///
/// An actor because it has state: at most `config.concurrency` calls in flight (others wait in
/// order). Each call has a timeout and is retried with exponential backoff and jitter on
/// connection errors, timeouts, 429 (honouring Retry-After) and 5xx. Failed calls throw; they
/// are never turned into results, so nothing wrong reaches the cache.
public actor OpenAIBackend {
    public nonisolated let config: BackendConfig
    private let session: URLSession
    private let apiKey: String?
    private var inFlight = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var jitter: SeededGenerator

    public init(config: BackendConfig, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let url = URL(string: config.baseURL), ["http", "https"].contains(url.scheme ?? "") else {
            throw BackendError.invalidURL(backend: config.name, url: config.baseURL)
        }
        if let variable = config.apiKeyEnv {
            guard let key = environment[variable], !key.isEmpty else { throw BackendError.missingAPIKey(backend: config.name, variable: variable) }
            apiKey = key
        } else {
            apiKey = nil
        }
        self.config = config
        let sessionConfig = URLSessionConfiguration.ephemeral
        sessionConfig.timeoutIntervalForRequest = config.timeout
        sessionConfig.timeoutIntervalForResource = config.timeout
        session = URLSession(configuration: sessionConfig)
        jitter = SeededGenerator(seed: UInt64(config.baseURL.utf8.count), purpose: "jitter/" + config.name)
    }

    /// Sends `request`, waiting for a free slot first; retries as described above.
    public func send(_ request: GenerationRequest) async throws -> GenerationResult {
        let (path, body) = try OpenAIWire.body(for: request)
        return try await call(path: path, body: body) { data, seconds, url in
            try OpenAIWire.result(from: data, request: request, seconds: seconds, backend: self.config.name, url: url)
        }
    }

    /// Sentence embeddings of `inputs` from `/v1/embeddings` in one call (the caller batches),
    /// in input order; `dimensions` is passed on when set. Same slots and retries as `send`.
    public func embed(model: String, inputs: [String], dimensions: Int?) async throws -> [[Float]] {
        guard !inputs.isEmpty else { return [] }
        let body = OpenAIEmbeddingWire.body(model: model, inputs: inputs, dimensions: dimensions)
        return try await call(path: OpenAIEmbeddingWire.path, body: body) { data, _, url in
            try OpenAIEmbeddingWire.vectors(from: data, count: inputs.count, backend: self.config.name, url: url)
        }
    }

    /// POSTs `body` to `path` in a free slot, retrying as described above, and parses a 200
    /// answer with `parse` (its data, the seconds the answer took, the URL).
    private func call<T>(path: String, body: Data, parse: (Data, Double, String) throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        let url = config.baseURL + path
        let policy = RetryPolicy(retries: config.retries, base: config.backoff)
        var attempt = 0
        while true {
            attempt += 1
            let start = Date()
            var retryAfter: Double?
            var failure: BackendError
            do {
                let (data, status, header) = try await post(url: url, body: body)
                if status == 200 { return try parse(data, Date().timeIntervalSince(start), url) }
                let text = String(decoding: data.prefix(2000), as: UTF8.self)
                failure = .http(backend: config.name, url: url, status: status, body: text, attempts: attempt)
                if !RetryPolicy.isRetryable(status: status) { throw failure }
                retryAfter = RetryPolicy.retryAfter(header)
            } catch let error as BackendError {
                throw error
            } catch let error as CancellationError {
                throw error
            } catch {
                failure = .unreachable(backend: config.name, url: url, reason: Self.describe(error), attempts: attempt)
            }
            guard attempt <= policy.retries else { throw failure }
            let fraction = jitter.unit()
            let wait = policy.delay(retry: attempt - 1, retryAfter: retryAfter, jitter: fraction)
            try await Task.sleep(nanoseconds: UInt64(wait * 1e9))
        }
    }

    private func post(url: String, body: Data) async throws -> (Data, Int, String?) {
        guard let target = URL(string: url) else { throw BackendError.invalidURL(backend: config.name, url: url) }
        var request = URLRequest(url: target, timeoutInterval: config.timeout)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let apiKey { request.setValue("Bearer " + apiKey, forHTTPHeaderField: "Authorization") }
        request.httpBody = body
        try Task.checkCancellation()
        let (data, response) = try await Self.data(session, request)
        guard let http = response as? HTTPURLResponse else {
            throw BackendError.badResponse(backend: config.name, url: url, reason: "not an HTTP response")
        }
        return (data, http.statusCode, http.value(forHTTPHeaderField: "Retry-After"))
    }

    /// One request through the completion-handler API, not `session.data(for:)`: that one's
    /// cancellation handler calls `URLSessionTask.cancel()`, which in swift-corelibs-foundation
    /// (Swift 6.3) can race a task that has just failed and trap the process ("Trying to access a
    /// behaviour for a task that in not in the registry", TaskRegistry.swift:118), as happened
    /// when a server died with requests in flight and the run cancelled its other calls. So a
    /// cancelled call lets its request end (bounded by the timeout) and then throws.
    private static func data(_ session: URLSession, _ request: URLRequest) async throws -> (Data, URLResponse) {
        let (data, response) = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<(Data, URLResponse), Error>) in
            session.dataTask(with: request) { data, response, error in
                if let error {
                    continuation.resume(throwing: error)
                } else if let response {
                    continuation.resume(returning: (data ?? Data(), response))
                } else {
                    continuation.resume(throwing: URLError(.badServerResponse))
                }
            }.resume()
        }
        try Task.checkCancellation()
        return (data, response)
    }

    private func acquire() async {
        if inFlight < config.concurrency {
            inFlight += 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty {
            inFlight -= 1
        } else {
            waiters.removeFirst().resume()
        }
    }

    static func describe(_ error: Error) -> String {
        if let url = error as? URLError {
            switch url.code {
            case .timedOut: return "timed out"
            case .cannotConnectToHost: return "connection refused"
            case .networkConnectionLost: return "connection lost"
            default: return url.localizedDescription
            }
        }
        return "\(error)"
    }
}

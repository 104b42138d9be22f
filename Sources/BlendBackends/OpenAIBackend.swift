import BlendCore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A client of one OpenAI-compatible server (`/v1/chat/completions`, `/v1/completions`).
///
/// An actor because it has state: at most `config.concurrency` calls in flight (others wait in
/// order). Each call has a timeout and is retried with exponential backoff and jitter on
/// connection errors, timeouts, 429 (honouring Retry-After) and 5xx. Failed calls throw; they
/// are never turned into results, so nothing wrong reaches the cache.
public actor OpenAIBackend {
    public let config: BackendConfig
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
        await acquire()
        defer { release() }
        let (path, body) = try OpenAIWire.body(for: request)
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
                if status == 200 {
                    return try OpenAIWire.result(from: data, request: request, seconds: Date().timeIntervalSince(start),
                                                 backend: config.name, url: url)
                }
                let text = String(decoding: data.prefix(2000), as: UTF8.self)
                failure = .http(backend: config.name, url: url, status: status, body: text, attempts: attempt)
                if !RetryPolicy.isRetryable(status: status) { throw failure }
                retryAfter = RetryPolicy.retryAfter(header)
            } catch let error as BackendError {
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
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else {
            throw BackendError.badResponse(backend: config.name, url: url, reason: "not an HTTP response")
        }
        return (data, http.statusCode, http.value(forHTTPHeaderField: "Retry-After"))
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

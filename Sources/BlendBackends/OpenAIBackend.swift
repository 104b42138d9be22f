import AsyncHTTPClient
import BlendCore
import Foundation
import NIOCore
import NIOPosix

/// A client of one OpenAI-compatible server (`/v1/chat/completions`, `/v1/completions`,
/// `/v1/embeddings`).
///
/// An actor because it has state: at most `config.concurrency` calls in flight (others wait in
/// order). Each call has a timeout and is retried with exponential backoff and jitter on
/// connection errors, timeouts, 429 (honouring Retry-After) and 5xx. Failed calls throw; they
/// are never turned into results, so nothing wrong reaches the cache.
public actor OpenAIBackend {
    public nonisolated let config: BackendConfig
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
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let apiKey { request.headers.add(name: "Authorization", value: "Bearer " + apiKey) }
        request.body = .bytes(ByteBuffer(bytes: body))
        try Task.checkCancellation()
        let timeout = config.timeout
        do {
            // The whole exchange, body included, races the timeout: the client's own deadline
            // covers only the wait for the response head, and under load it let one run past it.
            return try await withThrowingTaskGroup(of: (Data, Int, String?)?.self) { group in
                group.addTask { [request] in
                    let response = try await Self.client.execute(request, timeout: .nanoseconds(Int64(timeout * 1e9)))
                    let answer = try await response.body.collect(upTo: Self.maxAnswerBytes)
                    return (Data(answer.readableBytesView), Int(response.status.code), response.headers.first(name: "Retry-After"))
                }
                group.addTask {
                    try await Task.sleep(nanoseconds: UInt64(timeout * 1e9))
                    return nil
                }
                let first = try await group.next() ?? nil
                group.cancelAll()
                guard let first else { throw HTTPClientError.deadlineExceeded }
                return first
            }
        } catch {
            // A cancelled call surfaces as the client's own error; the run must see a cancellation, not a failure to retry.
            if Task.isCancelled { throw CancellationError() }
            throw error
        }
    }

    /// One client for the process (SwiftNIO's event loops block in epoll while a call waits;
    /// URLSession on Linux woke about 2,000 times a second through libcurl's timers, and the CPU
    /// it burnt slowed a local llama.cpp server sharing the cores). It is never shut down, as a
    /// process-wide client need not be. Connection failures are not retried inside it: `call`
    /// retries with the backend's own policy, so a refused connection fails in milliseconds. No
    /// read timeout: a server says nothing until a long generation is done, and each call's
    /// timeout (`config.timeout`, in `post`) bounds it instead.
    private static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(10)))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// The largest answer read (an embeddings answer for a large batch is a few MB).
    private static let maxAnswerBytes = 256 << 20

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

    /// A transport error in a few words, for `BackendError.unreachable`.
    static func describe(_ error: Error) -> String {
        switch error {
        case let client as HTTPClientError:
            switch client {
            case .deadlineExceeded, .readTimeout: return "timed out"
            case .connectTimeout: return "timed out connecting"
            case .remoteConnectionClosed: return "connection lost"
            default: return client.description
            }
        case let connection as NIOConnectionError:
            return connection.connectionErrors.first.map { describe($0.error) } ?? "\(connection)"
        case let io as IOError:
            switch io.errnoCode {
            case ECONNREFUSED: return "connection refused"
            case ECONNRESET, EPIPE: return "connection lost"
            default: return io.description
            }
        default:
            return "\(error)"
        }
    }
}

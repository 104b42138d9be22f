import BlendCore

/// Why a backend call failed, naming the backend and what to do.
public enum BackendError: BlendlabError, Sendable, CustomStringConvertible {
    /// No answer at all (connection refused, reset, timeout) after every retry.
    case unreachable(backend: String, url: String, reason: String, attempts: Int)
    /// An HTTP error status that retrying did not fix (or that is not worth retrying).
    case http(backend: String, url: String, status: Int, body: String, attempts: Int)
    /// A 200 answer that is not the OpenAI-compatible JSON we asked for.
    case badResponse(backend: String, url: String, reason: String)
    case missingAPIKey(backend: String, variable: String)
    case invalidURL(backend: String, url: String)
    case unknownBackend(String, known: [String])

    public var description: String {
        switch self {
        case .unreachable(let b, let url, let reason, let attempts):
            "backend '\(b)' at \(url) did not answer (\(reason)) after \(attempts) attempt\(attempts == 1 ? "" : "s"). "
                + "Start the server (make llm-server for the local one) or fix backends.\(b).base_url, then run again: "
                + "calls that finished are in the cache and will not be repeated."
        case .http(let b, let url, let status, let body, let attempts):
            "backend '\(b)' at \(url) answered HTTP \(status) after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(body.prefix(300)). "
                + (status == 401 || status == 403 ? "Check the API key variable in backends.\(b).api_key_env." :
                    status == 404 ? "Check backends.\(b).base_url (it should end in /v1) and the model name." :
                    "Check the request settings, then run again; finished calls are cached.")
        case .badResponse(let b, let url, let reason):
            "backend '\(b)' at \(url) sent an answer that is not OpenAI-compatible JSON: \(reason)"
        case .missingAPIKey(let b, let variable):
            "backend '\(b)' reads its API key from the environment variable \(variable), which is not set; export it and run again"
        case .invalidURL(let b, let url):
            "backend '\(b)': '\(url)' is not a valid http(s) URL; set backends.\(b).base_url like http://127.0.0.1:8088/v1"
        case .unknownBackend(let name, let known):
            "no backend named '\(name)'; backends: \(known.isEmpty ? "none (add a backends: section)" : known.joined(separator: ", "))"
        }
    }
}

import Foundation

/// When to retry a failed call and how long to wait: exponential backoff with jitter, honouring
/// a server's Retry-After. Pure, so tests can check it without a network.
public struct RetryPolicy: Sendable {
    public var retries: Int
    public var base: Double
    public var cap: Double = 30

    public init(retries: Int, base: Double) {
        self.retries = retries
        self.base = base
    }

    /// Whether an answer with this HTTP status is worth another try: 408, 429 and 5xx.
    public static func isRetryable(status: Int) -> Bool { status == 408 || status == 429 || (500...599).contains(status) }

    /// Seconds to wait before retry number `retry` (0 = the first retry): `base * 2^retry`
    /// scaled by a jitter factor in [0.5, 1], capped; a Retry-After (seconds) wins when larger.
    public func delay(retry: Int, retryAfter: Double?, jitter: Double) -> Double {
        let exponential = min(cap, base * Double(1 << min(retry, 20)) * (0.5 + 0.5 * max(0, min(1, jitter))))
        guard let retryAfter, retryAfter.isFinite, retryAfter >= 0 else { return exponential }
        return min(max(exponential, retryAfter), 120)
    }

    /// Parses a Retry-After header given in seconds (HTTP dates are ignored).
    public static func retryAfter(_ header: String?) -> Double? {
        guard let header, let seconds = Double(header.trimmingCharacters(in: .whitespaces)) else { return nil }
        return seconds
    }
}


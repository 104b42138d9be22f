import BlendBackends
import Testing

@Suite struct RetryPolicyTests {
    @Test func delaysDoubleWithJitterAndCap() {
        let p = RetryPolicy(retries: 5, base: 0.5)
        #expect(p.delay(retry: 0, retryAfter: nil, jitter: 1) == 0.5)
        #expect(p.delay(retry: 1, retryAfter: nil, jitter: 1) == 1.0)
        #expect(p.delay(retry: 3, retryAfter: nil, jitter: 1) == 4.0)
        #expect(p.delay(retry: 3, retryAfter: nil, jitter: 0) == 2.0)
        #expect(p.delay(retry: 12, retryAfter: nil, jitter: 1) == 30)
    }

    @Test func retryAfterWinsWhenLonger() {
        let p = RetryPolicy(retries: 3, base: 0.5)
        #expect(p.delay(retry: 0, retryAfter: 7, jitter: 1) == 7)
        #expect(p.delay(retry: 3, retryAfter: 1, jitter: 1) == 4)
        #expect(RetryPolicy.retryAfter(" 3 ") == 3)
        #expect(RetryPolicy.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == nil)
    }

    @Test(arguments: [(429, true), (500, true), (503, true), (408, true), (400, false), (401, false), (404, false), (200, false)])
    func retryableStatuses(status: Int, retryable: Bool) {
        #expect(RetryPolicy.isRetryable(status: status) == retryable)
    }
}

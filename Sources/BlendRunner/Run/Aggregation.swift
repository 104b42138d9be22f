import BlendCore
import Foundation

/// Means, bootstrap intervals and paired tests over the per-example results.
enum ResultStatistics {
    /// For every method and metric: the mean over examples where the metric applied, a seeded
    /// percentile-bootstrap 95 % interval, and the paired permutation test against `baseline`
    /// on the examples where both have a value.
    static func aggregates(methods: [MethodInfo], metrics: [MetricInfo], examples: [ExampleResult],
                           baseline: String?, seed: UInt64) -> [String: [String: Aggregate]] {
        // One job per (metric, method), each with its metric's seeds, run on every core: the
        // same numbers in any order.
        let jobs = metrics.flatMap { metric -> [(metric: String, method: String, bootstrap: UInt64, test: UInt64)] in
            var bootstrapStream = SeededGenerator(seed: seed, purpose: "bootstrap/" + metric.id)
            var testStream = SeededGenerator(seed: seed, purpose: "paired-test/" + metric.id)
            let seeds = (bootstrapStream.next(), testStream.next())
            return methods.map { (metric.id, $0.key, seeds.0, seeds.1) }
        }
        let slots = UnsafeMutableBufferPointer<Aggregate?>.allocate(capacity: jobs.count)
        slots.initialize(repeating: nil)
        defer { slots.deallocate() }
        nonisolated(unsafe) let out = slots
        DispatchQueue.concurrentPerform(iterations: jobs.count) { j in
            let job = jobs[j]
            out[j] = aggregate(metric: job.metric, method: job.method, examples: examples, baseline: baseline,
                               bootstrapSeed: job.bootstrap, testSeed: job.test)
        }
        var result: [String: [String: Aggregate]] = [:]
        for (job, aggregate) in zip(jobs, slots) {
            if let aggregate { result[job.method, default: [:]][job.metric] = aggregate }
        }
        return result
    }

    /// One method's aggregate of one metric (nil when no example has a value).
    static func aggregate(metric: String, method: String, examples: [ExampleResult], baseline: String?,
                          bootstrapSeed: UInt64, testSeed: UInt64) -> Aggregate? {
        let values = examples.compactMap { $0.outcomes[method]?.values[metric] }
        guard !values.isEmpty, let interval = Bootstrap().interval(values, seed: bootstrapSeed) else { return nil }
        var p: Double?
        if let baseline, baseline != method {
            let pairs = examples.compactMap { e -> (Double, Double)? in
                guard let a = e.outcomes[method]?.values[metric], let b = e.outcomes[baseline]?.values[metric] else { return nil }
                return (a, b)
            }
            p = PairedPermutationTest().pValue(pairs.map(\.0), pairs.map(\.1), seed: testSeed)
        }
        return Aggregate(mean: values.reduce(0, +) / Double(values.count), low: interval.low, high: interval.high,
                         count: values.count, pValue: p)
    }
}

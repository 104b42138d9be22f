import BlendCore
import Foundation

/// Means, bootstrap intervals and paired tests over the per-example results.
enum ResultStatistics {
    /// For every method and metric: the mean over examples where the metric applied, a seeded
    /// percentile-bootstrap 95 % interval, and the paired permutation test against `baseline`
    /// on the examples where both have a value.
    /// The version of the statistics' definition in their cache keys: bump it when `Bootstrap`,
    /// `PairedPermutationTest` or `aggregate` compute anything differently.
    static let version = 1

    static func aggregates(methods: [MethodInfo], metrics: [MetricInfo], examples: [ExampleResult],
                           baseline: String?, seed: UInt64, cache: (any ValueCache)? = nil) async throws -> [String: [String: Aggregate]] {
        // One job per (metric, method), each with its metric's seeds and its inputs.
        let jobs = metrics.flatMap { metric -> [Job] in
            var bootstrapStream = SeededGenerator(seed: seed, purpose: "bootstrap/" + metric.id)
            var testStream = SeededGenerator(seed: seed, purpose: "paired-test/" + metric.id)
            let seeds = (bootstrapStream.next(), testStream.next())
            return methods.map { Job(metric: metric.id, method: $0.key, bootstrapSeed: seeds.0, testSeed: seeds.1,
                                     inputs: inputs(metric: metric.id, method: $0.key, examples: examples, baseline: baseline)) }
        }
        let computed: [Aggregate?]
        if let cache {
            // A cached re-run reads the statistics instead of resampling: one entry per job, keyed
            // by a digest of exactly what `aggregate` reads.
            computed = try await cache.values(stage: "statistics", component: "aggregate", fields: jobs.map(\.fields)) { misses in
                compute(misses.map { jobs[$0] })
            }
        } else {
            computed = compute(jobs)
        }
        var result: [String: [String: Aggregate]] = [:]
        for (job, aggregate) in zip(jobs, computed) {
            if let aggregate { result[job.method, default: [:]][job.metric] = aggregate }
        }
        return result
    }

    struct Job: Sendable {
        var metric: String
        var method: String
        var bootstrapSeed: UInt64
        var testSeed: UInt64
        var inputs: Inputs

        /// The cache key's fields: the definition's version, the seeds, and a SHA-256 of the
        /// values' bit patterns (the method's values, then each baseline pair).
        var fields: JSONValue {
            var bytes: [UInt8] = []
            func add(_ v: Double) { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
            inputs.values.forEach(add)
            var o: [String: JSONValue] = [
                "version": .int(ResultStatistics.version), "bootstrap_seed": .string(String(bootstrapSeed)),
                "test_seed": .string(String(testSeed)), "values": .int(inputs.values.count),
            ]
            if let pairs = inputs.pairs {
                for (a, b) in pairs { add(a); add(b) }
                o["pairs"] = .int(pairs.count)
            }
            o["digest"] = .string(SHA256.hex(bytes: bytes))
            return .object(o)
        }
    }

    /// What one aggregate reads: the method's values where the metric applied, and the
    /// (method, baseline) pairs where both have one (nil: no test, the method is the baseline or
    /// there is none).
    struct Inputs: Sendable {
        var values: [Double]
        var pairs: [(Double, Double)]?
    }

    static func inputs(metric: String, method: String, examples: [ExampleResult], baseline: String?) -> Inputs {
        let values = examples.compactMap { $0.outcomes[method]?.values[metric] }
        guard let baseline, baseline != method else { return Inputs(values: values, pairs: nil) }
        let pairs = examples.compactMap { e -> (Double, Double)? in
            guard let a = e.outcomes[method]?.values[metric], let b = e.outcomes[baseline]?.values[metric] else { return nil }
            return (a, b)
        }
        return Inputs(values: values, pairs: pairs)
    }

    /// The jobs' aggregates, in order, on every core (the same numbers in any order).
    static func compute(_ jobs: [Job]) -> [Aggregate?] {
        let slots = UnsafeMutableBufferPointer<Aggregate?>.allocate(capacity: jobs.count)
        slots.initialize(repeating: nil)
        defer { slots.deallocate() }
        nonisolated(unsafe) let out = slots
        DispatchQueue.concurrentPerform(iterations: jobs.count) { j in
            out[j] = aggregate(jobs[j].inputs, bootstrapSeed: jobs[j].bootstrapSeed, testSeed: jobs[j].testSeed)
        }
        return Array(slots)
    }

    /// One method's aggregate of one metric (nil when no example has a value).
    static func aggregate(_ inputs: Inputs, bootstrapSeed: UInt64, testSeed: UInt64) -> Aggregate? {
        let values = inputs.values
        guard !values.isEmpty, let interval = Bootstrap().interval(values, seed: bootstrapSeed) else { return nil }
        let p = inputs.pairs.flatMap { pairs in PairedPermutationTest().pValue(pairs.map(\.0), pairs.map(\.1), seed: testSeed) }
        return Aggregate(mean: values.reduce(0, +) / Double(values.count), low: interval.low, high: interval.high,
                         count: values.count, pValue: p)
    }
}

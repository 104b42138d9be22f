import BlendCore

/// Means, bootstrap intervals and paired tests over the per-example results.
enum ResultStatistics {
    /// For every method and metric: the mean over examples where the metric applied, a seeded
    /// percentile-bootstrap 95 % interval, and the paired permutation test against `baseline`
    /// on the examples where both have a value.
    static func aggregates(methods: [MethodInfo], metrics: [MetricInfo], examples: [ExampleResult],
                           baseline: String?, seed: UInt64) -> [String: [String: Aggregate]] {
        var result: [String: [String: Aggregate]] = [:]
        for metric in metrics {
            var bootstrapStream = SeededGenerator(seed: seed, purpose: "bootstrap/" + metric.id)
            let bootstrapSeed = bootstrapStream.next()
            var testStream = SeededGenerator(seed: seed, purpose: "paired-test/" + metric.id)
            let testSeed = testStream.next()
            for method in methods {
                let values = examples.compactMap { $0.outcomes[method.key]?.values[metric.id] }
                guard !values.isEmpty, let interval = Bootstrap().interval(values, seed: bootstrapSeed) else { continue }
                var p: Double?
                if let baseline, baseline != method.key {
                    let pairs = examples.compactMap { e -> (Double, Double)? in
                        guard let a = e.outcomes[method.key]?.values[metric.id], let b = e.outcomes[baseline]?.values[metric.id] else { return nil }
                        return (a, b)
                    }
                    p = PairedPermutationTest().pValue(pairs.map(\.0), pairs.map(\.1), seed: testSeed)
                }
                result[method.key, default: [:]][metric.id] = Aggregate(
                    mean: values.reduce(0, +) / Double(values.count), low: interval.low, high: interval.high,
                    count: values.count, pValue: p)
            }
        }
        return result
    }
}

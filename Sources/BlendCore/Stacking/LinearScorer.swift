import Foundation

/// A linear score over named inputs: s(x) = Σ w_c · (x_c - mean_c) / deviation_c, plus one learned
/// prior per candidate model (`priors`, 0 for a model never seen in training). Inputs are
/// standardised with the training data's mean and deviation, so each weight says how much one
/// deviation of its input moves the score: the weights table on the pages is directly comparable.
public struct LinearScorer: Sendable, Hashable, Codable {
    public var names: [String]
    public var weights: [Double]
    public var mean: [Double]
    public var deviation: [Double]
    /// The learned per-model prior (empty when the ranker has `model_prior: false`).
    public var priors: [String: Double]

    public func score(_ x: [Double], model: ModelName) -> Double {
        var s = priors[model.rawValue] ?? 0
        for c in weights.indices { s += weights[c] * (x[c] - mean[c]) / deviation[c] }
        return s
    }

    /// Every weight with its name, largest magnitude first (`prior: MODEL` for the priors).
    public var table: [NamedWeight] {
        let features = zip(names, weights).map { NamedWeight(name: $0, weight: $1) }
        let models = priors.map { NamedWeight(name: "prior: " + $0.key, weight: $0.value) }
        return (features + models).sorted { abs($0.weight) != abs($1.weight) ? abs($0.weight) > abs($1.weight) : $0.name < $1.name }
    }

    /// The parameters in a fixed order, for the weights' digest.
    var flat: [Double] {
        weights + mean + deviation + priors.keys.sorted().map { priors[$0]! }
    }
}

public struct NamedWeight: Sendable, Hashable, Codable {
    public var name: String
    public var weight: Double
}

/// One example for pairwise training: per candidate its raw inputs, its model and its oracle score.
public struct PairwiseTrainingExample: Sendable {
    public var inputs: [[Double]]
    public var models: [ModelName]
    public var scores: [Double]

    public init(inputs: [[Double]], models: [ModelName], scores: [Double]) {
        self.inputs = inputs
        self.models = models
        self.scores = scores
    }
}

/// Fits a `LinearScorer` with the Bradley-Terry (instructgpt) pairwise loss of digest 2.3:
/// for every pair of candidates of a training example whose oracle scores differ, with a the
/// better one, loss = -log σ(s(a) - s(b)), averaged over pairs, plus λ/2 ‖w‖². The bias cancels in
/// every difference, so there is none. Newton's method on the full batch (the loss is convex;
/// a handful of iterations converge), for each λ of `l2`; after every iteration the validation
/// pairs' mean loss is measured, and the (λ, iteration) with the lowest validation loss is kept:
/// L2 chosen on validation and early stopping in one. Deterministic: no sampling at all.
public enum PairwiseLogisticTrainer {
    public struct Settings: Sendable, Hashable {
        public var l2: [Double]
        public var iterations: Int
        public var modelPrior: Bool

        public init(l2: [Double] = [0.001, 0.01, 0.1, 1], iterations: Int = 12, modelPrior: Bool = true) {
            self.l2 = l2
            self.iterations = iterations
            self.modelPrior = modelPrior
        }
    }

    /// Pair differences of standardised inputs (and prior indicators) with the better one first.
    struct Design {
        var rows: [[Double]] = []
    }

    public static func train(names: [String], train: [PairwiseTrainingExample], validation: [PairwiseTrainingExample],
                             settings: Settings) throws -> (scorer: LinearScorer, report: TrainingReport) {
        let d = names.count
        let all = train.flatMap(\.inputs)
        guard !all.isEmpty else { throw TrainingError.noSamples }
        var mean = [Double](repeating: 0, count: d), deviation = [Double](repeating: 0, count: d)
        for x in all { for c in 0..<d { mean[c] += x[c] } }
        for c in 0..<d { mean[c] /= Double(all.count) }
        for x in all { for c in 0..<d { deviation[c] += (x[c] - mean[c]) * (x[c] - mean[c]) } }
        for c in 0..<d {
            let sd = (deviation[c] / Double(all.count)).squareRoot()
            deviation[c] = sd > 1e-12 ? sd : 1
        }
        let models = settings.modelPrior ? Array(Set(train.flatMap(\.models))).sorted() : []
        let modelIndex = Dictionary(uniqueKeysWithValues: models.enumerated().map { ($1, $0) })
        func design(_ examples: [PairwiseTrainingExample]) -> [[Double]] {
            var rows: [[Double]] = []
            for e in examples {
                let z = e.inputs.enumerated().map { i, x -> [Double] in
                    var row = (0..<d).map { (x[$0] - mean[$0]) / deviation[$0] }
                    if settings.modelPrior {
                        var onehot = [Double](repeating: 0, count: models.count)
                        if let m = modelIndex[e.models[i]] { onehot[m] = 1 }
                        row += onehot
                    }
                    return row
                }
                for a in z.indices {
                    for b in z.indices where e.scores[a] > e.scores[b] {
                        rows.append(zip(z[a], z[b]).map { $0 - $1 })
                    }
                }
            }
            return rows
        }
        let trainRows = design(train), validationRows = design(validation)
        guard !trainRows.isEmpty else { throw TrainingError.noSamples }
        let width = d + models.count

        var best: (loss: Double, w: [Double], lambda: Double, iteration: Int)? = nil
        var trace: (train: [Double], validation: [Double], accuracy: [Double]) = ([], [], [])
        for lambda in settings.l2 {
            var w = [Double](repeating: 0, count: width)
            var curve: (train: [Double], validation: [Double], accuracy: [Double]) = ([], [], [])
            for iteration in 1...max(1, settings.iterations) {
                w = newtonStep(w, rows: trainRows, lambda: lambda)
                let trainLoss = loss(w, rows: trainRows)
                let (validationLoss, accuracy) = validationRows.isEmpty ? (trainLoss, accuracyOf(w, trainRows)) : (loss(w, rows: validationRows), accuracyOf(w, validationRows))
                curve.train.append(trainLoss); curve.validation.append(validationLoss); curve.accuracy.append(accuracy)
                if best == nil || validationLoss < best!.loss - 1e-12 {
                    best = (validationLoss, w, lambda, iteration)
                    trace = curve
                }
            }
            if best?.lambda == lambda { trace = curve }
        }
        guard let best else { throw TrainingError.noSamples }
        let priors = Dictionary(uniqueKeysWithValues: models.enumerated().map { ($1.rawValue, best.w[d + $0]) })
        let scorer = LinearScorer(names: names, weights: Array(best.w.prefix(d)), mean: mean, deviation: deviation, priors: priors)
        var report = TrainingReport(trainExamples: train.count, validationExamples: validation.count, validationSamples: validationRows.count,
                                    trainLoss: trace.train, validationLoss: trace.validation, validationAccuracy: trace.accuracy,
                                    bestEpoch: best.iteration, samplesSeen: trainRows.count * best.iteration)
        report.l2 = best.lambda
        report.weights = scorer.table
        return (scorer, report)
    }

    /// Mean of -log σ(w·r) over rows (the better candidate first in each row).
    static func loss(_ w: [Double], rows: [[Double]]) -> Double {
        guard !rows.isEmpty else { return 0 }
        return rows.reduce(0) { $0 + softplus(-dot(w, $1)) } / Double(rows.count)
    }

    static func accuracyOf(_ w: [Double], _ rows: [[Double]]) -> Double {
        guard !rows.isEmpty else { return 0 }
        return Double(rows.filter { dot(w, $0) > 0 }.count) / Double(rows.count)
    }

    /// One Newton step on the mean loss plus λ/2 ‖w‖², with a halving line search.
    static func newtonStep(_ w: [Double], rows: [[Double]], lambda: Double) -> [Double] {
        let n = w.count
        var gradient = w.map { lambda * $0 }
        var hessian = [Double](repeating: 0, count: n * n)
        for i in 0..<n { hessian[i * n + i] = lambda }
        let scale = 1 / Double(rows.count)
        for r in rows {
            let p = sigmoid(dot(w, r))
            let g = -(1 - p) * scale, h = p * (1 - p) * scale
            for i in 0..<n where r[i] != 0 {
                gradient[i] += g * r[i]
                let hri = h * r[i]
                for j in i..<n where r[j] != 0 { hessian[i * n + j] += hri * r[j] }
            }
        }
        for i in 0..<n { for j in 0..<i { hessian[i * n + j] = hessian[j * n + i] } }
        guard let step = solveSymmetric(hessian, gradient, n: n) else { return w }
        func objective(_ v: [Double]) -> Double { loss(v, rows: rows) + lambda / 2 * dot(v, v) }
        let current = objective(w)
        var t = 1.0
        for _ in 0..<20 {
            let next = zip(w, step).map { $0 - t * $1 }
            if objective(next) <= current { return next }
            t /= 2
        }
        return w
    }

    /// Solves A x = b for a symmetric positive definite A (Cholesky); nil when it is not.
    static func solveSymmetric(_ a: [Double], _ b: [Double], n: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var s = a[i * n + j]
                for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
                if i == j {
                    guard s > 0 else { return nil }
                    l[i * n + i] = s.squareRoot()
                } else {
                    l[i * n + j] = s / l[j * n + j]
                }
            }
        }
        var y = b
        for i in 0..<n { for k in 0..<i { y[i] -= l[i * n + k] * y[k] }; y[i] /= l[i * n + i] }
        var x = y
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<n { x[i] -= l[k * n + i] * x[k] }
            x[i] /= l[i * n + i]
        }
        return x
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in a.indices { s += a[i] * b[i] }
        return s
    }

    static func sigmoid(_ x: Double) -> Double { x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x)) }
    static func softplus(_ x: Double) -> Double { x > 30 ? x : log1p(exp(x)) }
}

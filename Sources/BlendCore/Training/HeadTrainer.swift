/// Hyper-parameters of a trained head; all of them go into the stored weights' key. An
/// experiment file writes them beside the ranker's other parameters (`max_epochs: 4`).
public struct TrainingSettings: Sendable, Hashable, FlatParameterGroup {
    /// The most epochs; training stops earlier when the validation accuracy has not improved for
    /// `patience` epochs, and the best epoch's weights are kept.
    public var maxEpochs = 8
    public var patience = 2
    public var learningRate = 1e-3
    public var weightDecay = 0.01
    public var batchSize = 32
    public var hidden = 384

    enum CodingKeys: String, CodingKey {
        case patience, hidden
        case maxEpochs = "max_epochs", learningRate = "learning_rate", weightDecay = "weight_decay", batchSize = "batch_size"
    }

    public var json: JSONValue { JSONValue.encoding(self) }

    /// Range checks, naming the experiment file's key.
    public func validate() throws {
        guard maxEpochs >= 1 else { throw ParameterError.invalid(key: "max_epochs", message: "must be at least 1") }
        guard patience >= 1 else { throw ParameterError.invalid(key: "patience", message: "must be at least 1") }
        guard learningRate > 0 else { throw ParameterError.invalid(key: "learning_rate", message: "must be positive") }
        guard weightDecay >= 0 else { throw ParameterError.invalid(key: "weight_decay", message: "must be 0 or more") }
        guard batchSize >= 1 else { throw ParameterError.invalid(key: "batch_size", message: "must be at least 1") }
        guard hidden >= 1 else { throw ParameterError.invalid(key: "hidden", message: "must be at least 1") }
    }
}

/// One training example for a head. Pairwise: `right` is set and `target` is +1 when `left` is
/// the better candidate, -1 when `right` is; the loss is the paper's `instructgpt` loss
/// -log σ(target · (g(left) - g(right))) (digest 2.3). Pointwise: `right` is nil and `target`
/// is 1 or 0; the loss is binary cross-entropy on σ(g(left)) (SummaReranker's BCE, one task).
public struct TrainingSample: Sendable {
    public var left: [Float]
    public var right: [Float]?
    public var target: Float

    public init(left: [Float], right: [Float]? = nil, target: Float) {
        self.left = left
        self.right = right
        self.target = target
    }
}

/// What training did, stored with the weights and shown in the run's log and result.json.
public struct TrainingReport: Sendable, Hashable, Codable {
    public var trainExamples: Int
    public var validationExamples: Int
    public var validationSamples: Int
    /// Per epoch run: mean training loss, validation loss and validation accuracy (pairwise: the
    /// share of pairs ordered right; pointwise: the share of examples whose best-scored candidate
    /// is an oracle-best one).
    public var trainLoss: [Double]
    public var validationLoss: [Double]
    public var validationAccuracy: [Double]
    /// 1-based epoch whose weights were kept (the best validation accuracy, then the lowest loss).
    public var bestEpoch: Int
    public var samplesSeen: Int
    /// Linear rankers (`stack`): the L2 strength chosen on validation, and the learned weights of
    /// the standardised inputs, largest magnitude first.
    public var l2: Double? = nil
    public var weights: [NamedWeight]? = nil
    /// Candidate models of the evaluated data that training never saw (their prior is 0).
    public var unseenModels: [String]? = nil

    public var summary: String {
        let best = bestEpoch - 1
        return "\(trainLoss.count) epochs, best \(bestEpoch): train loss \(Self.f(trainLoss[best])), "
            + "validation loss \(Self.f(validationLoss[best])), validation accuracy \(Self.f(validationAccuracy[best]))"
            + " (\(trainExamples) training / \(validationExamples) validation examples)"
    }

    static func f(_ x: Double) -> String {
        let scaled = (x * 1000).rounded() / 1000
        return "\(scaled)"
    }
}

/// Trains a `ScoreHead` with AdamW on mini-batches, one epoch at a time, with early stopping on
/// the validation accuracy (ties: the lower validation loss). Deterministic for a seed: the head's initial weights and the batch
/// order come from seeded streams, and the samples come in the order `samples` returns them.
public enum HeadTrainer {
    /// The head's input size is the samples' (all must share it); no samples at all is an error.
    public static func train(settings: TrainingSettings, seed: UInt64,
                             samples: (_ epoch: Int) async throws -> [TrainingSample],
                             validation: [TrainingSample],
                             validationAccuracy: (ScoreHead) -> Double,
                             counts: (train: Int, validation: Int),
                             log: (String) -> Void = { _ in }) async throws -> (head: ScoreHead, report: TrainingReport) {
        let first = try await samples(1)
        guard let inputs = (first.first ?? validation.first)?.left.count else { throw TrainingError.noSamples }
        var head = ScoreHead(inputs: inputs, hidden: settings.hidden, seed: seed)
        head.standardise(over: first.flatMap { [$0.left] + ($0.right.map { [$0] } ?? []) })
        var optimiser = AdamW(count: head.parameters.count, learningRate: Float(settings.learningRate),
                              weightDecay: Float(settings.weightDecay))
        var best = head
        var bestLoss = Double.infinity
        var bestAccuracy = -Double.infinity
        var bestEpoch = 0
        var report = TrainingReport(trainExamples: counts.train, validationExamples: counts.validation,
                                    validationSamples: validation.count, trainLoss: [], validationLoss: [],
                                    validationAccuracy: [], bestEpoch: 0, samplesSeen: 0)
        for epoch in 1...settings.maxEpochs {
            var batch = epoch == 1 ? first : try await samples(epoch)
            var g = SeededGenerator(seed: seed, purpose: "batches-\(epoch)")
            batch.shuffle(using: &g)
            var total = 0.0
            var start = 0
            while start < batch.count {
                let end = min(start + settings.batchSize, batch.count)
                var gradient = [Float](repeating: 0, count: head.parameters.count)
                for sample in batch[start..<end] { total += backward(head, sample, into: &gradient) }
                let scale = 1 / Float(end - start)
                for k in gradient.indices { gradient[k] *= scale }
                optimiser.update(&head.parameters, gradient: gradient)
                start = end
            }
            report.samplesSeen += batch.count
            let trainLoss = batch.isEmpty ? 0 : total / Double(batch.count)
            let validationLoss = validation.isEmpty ? trainLoss : validation.reduce(0.0) { $0 + loss(head, $1) } / Double(validation.count)
            let accuracy = validationAccuracy(head)
            report.trainLoss.append(trainLoss)
            report.validationLoss.append(validationLoss)
            report.validationAccuracy.append(accuracy)
            log("    epoch \(epoch): train loss \(TrainingReport.f(trainLoss)), validation loss \(TrainingReport.f(validationLoss)), "
                + "validation accuracy \(TrainingReport.f(accuracy))")
            // The paper keeps the checkpoint with the best dev selection score; here the best
            // validation accuracy, the lower validation loss breaking ties.
            if accuracy > bestAccuracy || (accuracy == bestAccuracy && validationLoss < bestLoss) {
                bestAccuracy = accuracy
                bestLoss = validationLoss
                best = head
                bestEpoch = epoch
            } else if epoch - bestEpoch >= settings.patience {
                break
            }
        }
        report.bestEpoch = max(bestEpoch, 1)
        return (best, report)
    }

    /// The sample's loss.
    public static func loss(_ head: ScoreHead, _ s: TrainingSample) -> Double {
        let l = Double(head.score(s.left))
        if let right = s.right {
            return softplus(-Double(s.target) * (l - Double(head.score(right))))
        }
        return softplus(l) - Double(s.target) * l
    }

    /// Adds the sample's gradient to `gradient` and returns its loss.
    static func backward(_ head: ScoreHead, _ s: TrainingSample, into gradient: inout [Float]) -> Double {
        let left = head.forward(s.left)
        if let right = s.right {
            let r = head.forward(right)
            let z = Double(s.target) * Double(left.score - r.score)
            // d/d(left - right) of softplus(-t z') = -t σ(-z)
            let upstream = Float(-Double(s.target) * sigmoid(-z))
            head.accumulate(&gradient, input: s.left, activations: left.activations, upstream: upstream)
            head.accumulate(&gradient, input: right, activations: r.activations, upstream: -upstream)
            return softplus(-z)
        }
        let l = Double(left.score)
        head.accumulate(&gradient, input: s.left, activations: left.activations, upstream: Float(sigmoid(l) - Double(s.target)))
        return softplus(l) - Double(s.target) * l
    }

    static func softplus(_ x: Double) -> Double { max(x, 0) + log1p(exp(-abs(x))) }
    static func sigmoid(_ x: Double) -> Double { x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x)) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

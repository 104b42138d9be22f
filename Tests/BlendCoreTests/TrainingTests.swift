@testable import BlendCore
import Testing

@Suite("trained heads")
struct TrainingTests {
    /// The analytic gradient of both losses against central finite differences, parameter by parameter.
    @Test func gradientMatchesFiniteDifferences() {
        let head = ScoreHead(inputs: 4, hidden: 3, seed: 5)
        let samples = [TrainingSample(left: [0.3, -0.2, 0.9, 0.1], right: [-0.5, 0.4, 0.2, 0.7], target: 1),
                       TrainingSample(left: [0.6, 0.1, -0.3, 0.2], target: 1),
                       TrainingSample(left: [-0.4, 0.8, 0.5, -0.1], target: 0)]
        for sample in samples {
            var analytic = [Float](repeating: 0, count: head.parameters.count)
            _ = HeadTrainer.backward(head, sample, into: &analytic)
            for k in head.parameters.indices {
                var plus = head, minus = head
                plus.parameters[k] += 1e-2
                minus.parameters[k] -= 1e-2
                let numeric = (HeadTrainer.loss(plus, sample) - HeadTrainer.loss(minus, sample)) / 2e-2
                #expect(abs(numeric - Double(analytic[k])) < 2e-3, "parameter \(k): numeric \(numeric), analytic \(analytic[k])")
            }
        }
    }

    /// A head learns "the larger first coordinate wins" from pairs, keeps the best epoch, and is
    /// deterministic for a seed.
    @Test func learnsAPairwiseRuleDeterministically() async throws {
        func pairs(_ n: Int, _ purpose: String) -> [TrainingSample] {
            var g = SeededGenerator(seed: 1, purpose: purpose)
            return (0..<n).map { _ in
                let a: [Float] = (0..<6).map { _ in Float(g.unit() * 2 - 1) }
                let b: [Float] = (0..<6).map { _ in Float(g.unit() * 2 - 1) }
                return TrainingSample(left: a, right: b, target: a[0] > b[0] ? 1 : -1)
            }
        }
        let train = pairs(400, "train"), validation = pairs(200, "validation")
        let settings = TrainingSettings(maxEpochs: 60, patience: 6, learningRate: 1e-2, weightDecay: 0, batchSize: 16, hidden: 8)
        func run(seed: UInt64) async throws -> (head: ScoreHead, report: TrainingReport) {
            try await HeadTrainer.train(settings: settings, seed: seed, samples: { _ in train }, validation: validation,
                                        validationAccuracy: { head in
                                            Double(validation.filter { (head.score($0.left) > head.score($0.right!)) == ($0.target > 0) }.count)
                                                / Double(validation.count)
                                        }, counts: (400, 200))
        }
        let first = try await run(seed: 3)
        #expect(first.report.validationAccuracy[first.report.bestEpoch - 1] > 0.95)
        #expect(first.report.validationAccuracy[first.report.bestEpoch - 1] == first.report.validationAccuracy.max())
        #expect(first.report.trainLoss.count <= 60)
        let again = try await run(seed: 3)
        #expect(again.head == first.head)
        let other = try await run(seed: 4)
        #expect(other.head != first.head)
    }

    @Test func trainingWithoutSamplesIsAClearError() async {
        await #expect(throws: TrainingError.noSamples) {
            _ = try await HeadTrainer.train(settings: TrainingSettings(), seed: 1, samples: { _ in [] }, validation: [],
                                            validationAccuracy: { _ in 0 }, counts: (0, 0))
        }
    }

    @Test func validationIsCarvedByHashDeterministically() {
        let examples = Fixtures.lengthPreferring(200)
        let data = TrainingData.carve(examples, validation: 0.2)
        #expect(data.train.count + data.validation.count == 200)
        #expect(Set(data.train.map(\.id)).isDisjoint(with: Set(data.validation.map(\.id))))
        #expect((25...55).contains(data.validation.count))
        // Order and company do not matter: an example's part depends on its own text only.
        let shuffled = TrainingData.carve(Array(examples.reversed().prefix(120)), validation: 0.2)
        #expect(Set(shuffled.validation.map(\.id)).isSubset(of: Set(data.validation.map(\.id))))
        #expect(TrainingData.carve(examples, validation: 0.2).digest == data.digest)
    }

    @Test func segmentVectorsPackToBFloat16AndBack() throws {
        let v = SegmentVectors(source: [1, -2.5, 3.14159], a: [0.001, 1e-8, -7], b: [42, 0, -0.333])
        let packed = PackedSegmentVectors(v)
        #expect(packed.vectors == v.rounded)
        for (x, r) in zip(v.source + v.a + v.b, v.rounded.source + v.rounded.a + v.rounded.b) {
            #expect(abs(x - r) <= abs(x) / 128)
        }
        let one = PackedSegmentVectors(SegmentVectors(source: [1, 2], a: [3, 4]))
        #expect(one.vectors == SegmentVectors(source: [1, 2], a: [3, 4]))
    }
}

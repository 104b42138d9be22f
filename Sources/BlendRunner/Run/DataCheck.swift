import BlendCore
import BlendData
import Foundation

/// `blendlab data check`: loads a data set exactly as a run would (loader, policies, split,
/// evaluated part, limit) and describes what it found, computing nothing.
public struct DataCheck: Sendable {
    public var spec: DatasetSpec

    public init(spec: DatasetSpec) { self.spec = spec }

    /// The `dataset:` block a bare `--source S --path P` stands for, with `--set dataset.KEY=V`
    /// overrides, validated like an experiment file's.
    public static func dataset(source: String, path: String, overrides: [String]) throws -> DatasetSpec {
        var document = YAMLDocument(file: "--source/--path", root: .object([
            "dataset": .object(["source": .string(source), "path": .string(path)]),
            "rankers": .array([.string("oracle")]),
        ]), lines: [:])
        try Overrides.apply(overrides, to: &document)
        return try ExperimentSpec.decode(document, defaultName: "data-check").dataset
    }

    /// What the check found: the summary lines, every irregularity, and whether a run could use it.
    public struct Report: Sendable {
        public var lines: [String]
        public var irregularities: [Irregularity]
        public var usable: Bool
        /// Why not, when not usable.
        public var problem: String?
    }

    /// Loads the data; a data error (under `on_invalid: error` the first bad row) makes it unusable.
    public func run() -> Report {
        let header = "\(spec.source.rawValue) at \(spec.path)"
        let data: EvaluationData
        do {
            data = try EvaluationData(spec: spec)
        } catch {
            return Report(lines: [header], irregularities: [], usable: false, problem: "\(error)")
        }
        let loaded = data.loaded
        var lines = [header]
        lines.append("examples loaded: \(loaded.examples.count); evaluated: \(data.examples.count) (part: \(spec.evaluate)"
                     + (spec.limit.map { ", limit \($0)" } ?? "") + ")")
        if !spec.split.isEmpty {
            lines.append("split: " + spec.split.map { "\($0.name) \(data.splitCounts[$0.name] ?? 0)" }.joined(separator: ", "))
        }
        lines.append("candidates (\(loaded.candidates.count)): " + loaded.candidates.map(\.rawValue).joined(separator: ", "))
        let counts = loaded.examples.map(\.candidates.count)
        if let low = counts.min(), let high = counts.max() {
            lines.append("candidates per example: \(low == high ? "\(low)" : "\(low) to \(high)")")
        }
        lines.append("empty answers kept as candidates: \(loaded.emptyAnswers)")
        let noOracle = loaded.examples.filter(\.oracle.isEmpty).count
        if noOracle > 0 { lines.append("examples without an oracle (oracle-based metrics give nothing): \(noOracle)") }
        func counted(_ title: String, _ counts: [String: Int]) {
            let total = counts.values.reduce(0, +)
            lines.append("\(title): \(total)" + (counts.isEmpty ? "" : " (" + counts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ") + ")"))
        }
        counted("rows or examples skipped", loaded.skipped)
        counted("candidates dropped", loaded.droppedCandidates)
        return Report(lines: lines, irregularities: loaded.irregularities, usable: true, problem: nil)
    }
}

import ArgumentParser
import BlendCore
import BlendData
import BlendRunner
import Foundation

/// `blendlab rank`: one ranker over the evaluated examples of an experiment's data set.
struct RankCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Rank the candidates of an experiment's data set with one ranker; JSON lines out.",
        discussion: """
            Loads the data set of the experiment (its evaluated part) and writes one line per example: \
            {"id": ..., "models": [...], "ranking": [candidate indices, best first], "scores": [...]}. \
            A pairwise ranker's comparisons are aggregated with --rule (default max-logits) and the \
            line adds "comparisons". Nothing is cached; `blendlab run` caches.
            """
    )

    @Option(help: "The ranker id (see README, Components).")
    var ranker: String

    @Option(name: .customLong("param"), help: "A ranker parameter KEY=VALUE (repeatable).")
    var params: [String] = []

    @Option(help: "The aggregation rule for a pairwise ranker.")
    var rule: String = MaxLogitsRule.id

    @Option(help: "Experiment name (Experiments/NAME.yaml) or path; its dataset block and seed are used.")
    var experiment: String

    @Option(help: "Directory holding experiment files.")
    var experiments: String = "Experiments"

    func run() async throws {
        let spec = try ExperimentFile.load(experiment, experimentsDirectory: experiments)
        let made = try Catalog.make(Catalog.rankers, kind: "ranker", id: ranker, params: try AggregateCommand.parse(params))
        let aggregation = try Catalog.make(Catalog.aggregationRules, kind: "aggregation rule", id: rule, params: [:])
        let examples = try EvaluationData(spec: spec.dataset).examples
        let context = ComponentContext(seed: spec.seed, reference: spec.dataset.reference)
        let stdout = FileHandle.standardOutput
        for example in examples {
            var line = "{\"id\":" + JSONValue.string(example.id.rawValue).canonical
            line += ",\"models\":" + JSONValue.array(example.candidates.map { .string($0.model.rawValue) }).canonical
            let result: AggregationResult
            switch made {
            case .pointwise(let r):
                result = AggregationResult(scores: try await r.scores(for: example, context: context))
            case .pairwise(let c):
                let lazy = LazyComparisonMatrix(count: example.candidates.count) { i, j in
                    try await c.logit(example, i, j, context: context)
                }
                result = try await aggregation.aggregate(lazy, seed: spec.seed, purpose: example.id.rawValue)
                line += ",\"comparisons\":\(await lazy.matrix.calls)"
            }
            line += ",\"ranking\":[" + result.ranking.map(String.init).joined(separator: ",") + "]"
            line += ",\"scores\":[" + result.scores.map { $0.isFinite ? "\($0)" : "null" }.joined(separator: ",") + "]}\n"
            stdout.write(Data(line.utf8))
        }
    }
}

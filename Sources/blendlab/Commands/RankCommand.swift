import ArgumentParser
import BlendCore
import BlendData
import BlendModels
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
            line adds "comparisons". The ranker takes the parameters of the experiment's rankers: entry \
            with its id, --param replacing keys; encoders are the native ones. A trained ranker \
            (pair-ranker, summareranker, simcls with a projection, stack) uses the weights that \
            `blendlab train` or `blendlab run` stored for the experiment in --cache (one per fold for a \
            cross-fitted experiment). Nothing is cached; `blendlab run` caches.
            """
    )

    @Option(help: "The ranker id (see README, Components).")
    var ranker: String

    @Option(name: .customLong("param"), help: "A ranker parameter KEY=VALUE (repeatable), replacing the experiment's.")
    var params: [String] = []

    @Option(help: "The aggregation rule for a pairwise ranker.")
    var rule: String = MaxLogitsRule.id

    @Option(help: "Experiment name (Experiments/NAME.yaml) or path; its dataset block, seed and rankers are used.")
    var experiment: String

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a key of the experiment file, as for train and run.", valueName: "key=value"))
    var overrides: [String] = []

    @Option(help: "Directory holding experiment files.")
    var experiments: String = "Experiments"

    @Option(help: "The SQLite cache file holding trained rankers' weights.")
    var cache: String = ProcessInfo.processInfo.environment["BLENDLAB_CACHE"] ?? ".blendlab/cache.sqlite"

    func run() async throws {
        let spec = try ExperimentFile.load(experiment, experimentsDirectory: experiments, overrides: overrides)
        let aggregation = try Catalog.make(Catalog.aggregationRules, kind: "aggregation rule", id: rule, params: [:])
        let runner = Runner(spec: spec, options: RunOptions(cachePath: cache, encoders: NativeEncoderProvider(threads: 1)))
        let setup = try runner.rankingSetup(rankerID: ranker, params: try AggregateCommand.parse(params), experiment: experiment)
        let context = setup.context
        let stdout = FileHandle.standardOutput
        for example in setup.examples {
            var line = "{\"id\":" + JSONValue.string(example.id.rawValue).canonical
            line += ",\"models\":" + JSONValue.array(example.candidates.map { .string($0.model.rawValue) }).canonical
            let result: AggregationResult
            switch setup.ranker {
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

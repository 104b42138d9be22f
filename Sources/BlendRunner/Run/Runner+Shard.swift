import BlendCore
import Foundation

/// What the train stage of a shard needs to say when the weights it may not train are missing.
struct ShardTraining: Sendable {
    var shard: Shard
    var experiment: String
    var cache: String
}

extension Runner {
    /// What `runShard()` computed.
    public struct ShardOutcome: Sendable {
        public var shard: Shard
        /// The shard's evaluated examples, and all of the experiment's.
        public var examples: Int
        public var total: Int
    }

    /// Runs the experiment on `options.shard`'s examples only: every cached stage (training
    /// excepted: a shard reads stored weights and never trains) computes into the cache, nothing
    /// is written under results/. Merging the shards' caches (`blendlab cache merge`) and a plain
    /// run on the merged cache then compute nothing and write the pages.
    public func runShard() async throws -> ShardOutcome {
        guard let shard = options.shard else { throw RunnerError.noExamples("runShard() needs options.shard") }
        let evaluated = try EvaluationData(spec: spec.dataset).examples
        let all = evaluated.count, mine = shardExamples(evaluated).count
        if mine == 0 {
            if !options.quiet {
                FileHandle.standardError.write(Data("run \(spec.name): shard \(shard) holds none of the \(all) evaluated examples; nothing to do\n".utf8))
            }
            return ShardOutcome(shard: shard, examples: 0, total: all)
        }
        let document = try await runReporting().document
        return ShardOutcome(shard: shard, examples: document.examples.count, total: all)
    }

    /// The evaluated examples this run computes: all, or its shard's.
    func shardExamples(_ examples: [Example]) -> [Example] {
        options.shard.map { shard in examples.filter(shard.contains) } ?? examples
    }

    var shardTraining: ShardTraining? {
        options.shard.map { ShardTraining(shard: $0, experiment: spec.name, cache: options.cachePath) }
    }
}

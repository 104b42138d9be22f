import ArgumentParser
import BlendModels
import BlendRunner

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an experiment and write results/<name>/{result.json,report.md,index.html}.",
        discussion: """
            The whole file is validated before any work. Cached results are reused; only what is missing is computed. \
            With --shard I/N only the evaluated examples of shard I (0-based, by a hash of the example id) are computed, into \
            the cache, and no pages are written; trained rankers must be trained first (blendlab train) and their weights be in \
            the shard's cache. Merge the shards' caches with `blendlab cache merge` and run without --shard to write the pages.
            """
    )

    @OptionGroup var experiment: ExperimentOptions

    @Option(help: ArgumentHelp("Compute only shard I of N (0 <= I < N) into the cache; write no pages.", valueName: "I/N"))
    var shard: String?

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if let shard, Shard(shard) == nil {
            throw ValidationError("--shard \(shard): expected I/N with 0 <= I < N (shards 0/4, 1/4, 2/4, 3/4 cover everything)")
        }
    }

    func run() async throws {
        let spec = try experiment.load()
        let runner = Runner(spec: spec, options: RunOptions(cachePath: experiment.paths.cache,
                                                            resultsDirectory: experiment.paths.results, quiet: quiet,
                                                            encoders: NativeEncoderProvider(threads: 1),
                                                            shard: shard.flatMap { Shard($0) }))
        if shard != nil { _ = try await runner.runShard() } else { _ = try await runner.run() }
    }
}

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show, per stage, how many items are cached and how many a run would compute."
    )

    @OptionGroup var experiment: ExperimentOptions

    func run() async throws {
        let spec = try experiment.load()
        let plan = try Runner(spec: spec, options: RunOptions(cachePath: experiment.paths.cache)).plan()
        print("experiment \(spec.name): \(plan.examples) examples")
        for line in plan.lines {
            let left = line.total - line.cached
            let what = line.stage == "evaluate" ? "\(line.total) to compute (not cached, cheap)" : "\(line.cached) cached, \(left) left"
            print("  \(line.stage.padding(toLength: 9, withPad: " ", startingAt: 0)) \(line.component): \(what)"
                  + (line.exact ? "" : " (at most: lazy rules or weights not trained yet)"))
        }
    }
}

import ArgumentParser

@main
struct Blendlab: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blendlab",
        abstract: "Reproducible research on ensembling LLMs: rank, aggregate, fuse, evaluate.",
        discussion: """
            Experiments are YAML files in Experiments/. Results go to results/<name>/ \
            (result.json, report.md, index.html); expensive intermediate results are cached in SQLite.
            """,
        version: "0.1.0",
        subcommands: [RunCommand.self, PlanCommand.self, ReportCommand.self, PublishCommand.self,
                      CacheCommand.self, DataCommand.self, ScoreCommand.self, AggregateCommand.self, RankCommand.self, EmbedCommand.self,
                      BERTScoreCommand.self, GenerateCommand.self, TrainCommand.self]
    )
}

import ArgumentParser
import BlendCore
import BlendModels
import Foundation

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
        subcommands: [RunCommand.self, PlanCommand.self, ReportCommand.self, NotebookCommand.self, PublishCommand.self,
                      CacheCommand.self, DataCommand.self, ScoreCommand.self, AggregateCommand.self, CompareCommand.self, RankCommand.self, EmbedCommand.self,
                      BERTScoreCommand.self, GenerateCommand.self, TrainCommand.self, ModelsCommand.self]
    )

    /// Parses and runs the command; the one place that maps errors to exit statuses. A
    /// `BlendlabError` prints `error: <message>` on standard error and exits with its code (2
    /// for a bad experiment file, parameter or id, 1 otherwise), as does a `ValidationError`
    /// that `run()` throws (2). Parsing errors (usage, `validate()`, `--help`), `ExitCode` and
    /// the parser's own errors thrown from run() (help requests) go through
    /// swift-argument-parser's `exit(withError:)`; any other error prints its description and
    /// exits 1.
    static func main() async {
        if !matrixFreeCommands.contains(CommandLine.arguments.dropFirst().first ?? "") { Blas.chooseKernels() }
        Blas.useSingleThreadedKernels()
        let command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var syncCommand = command
                try syncCommand.run()
            }
        } catch let error as any BlendlabError {
            fail(error.errorMessage, code: error.exitCode)
        } catch let error as ValidationError {
            // Thrown by `run()` after parsing (an unreadable --input, a bad value): a wrong
            // argument, like a wrong experiment file. (From parsing it went through `exit(withError:)`.)
            fail(error.message, code: 2)
        } catch let error as ExitCode {
            exit(withError: error)
        } catch let error as CleanExit {
            exit(withError: error)
        } catch where String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
            // `--help`, `-h` and `help CMD` end here: the parser hands them to its own help
            // command, whose run() throws the request (an internal type), for exit(withError:)
            // to print the help and exit 0.
            exit(withError: error)
        } catch {
            fail("\(error)", code: 1)
        }
    }

    /// Commands that never run an encoder. They skip `Blas.chooseKernels()`, whose
    /// re-execution (on CPUs OpenBLAS does not know) would cost them a second process start.
    static let matrixFreeCommands = Set(([ScoreCommand.self, ReportCommand.self, PublishCommand.self, PlanCommand.self,
                                         CacheCommand.self, DataCommand.self, AggregateCommand.self, ModelsCommand.self,
                                         GenerateCommand.self] as [any ParsableCommand.Type]).compactMap { $0.configuration.commandName })

    private static func fail(_ message: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        Foundation.exit(code)
    }
}

import ArgumentParser
import BlendBackends
import BlendCore
import BlendData
import BlendModels
import BlendReport
import BlendRunner
import BlendStore
import Foundation

/// Options shared by the commands that run or inspect an experiment.
struct ExperimentOptions: ParsableArguments {
    @Argument(help: "Experiment name (Experiments/NAME.yaml) or path to an experiment file.")
    var name: String

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a key of the experiment file, Hydra style: --set dataset.limit=50 --set 'top_k=[1,2,3]'.", valueName: "key=value"))
    var overrides: [String] = []

    @Option(help: "Directory holding experiment files.")
    var experiments: String = "Experiments"

    @OptionGroup var paths: PathOptions

    func load() throws -> ExperimentSpec {
        try ExperimentFile.load(name, experimentsDirectory: experiments, overrides: overrides)
    }
}

struct PathOptions: ParsableArguments {
    @Option(help: "The SQLite cache file.")
    var cache: String = ProcessInfo.processInfo.environment["BLENDLAB_CACHE"] ?? ".blendlab/cache.sqlite"

    @Option(help: "Directory for results/<name>/ pages.")
    var results: String = "results"
}

/// Maps every error to a message on standard error and an exit code: 2 for a bad experiment
/// file or arguments, 1 for everything else.
func reportingErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as SpecError {
        fail(error.description, code: 2)
    } catch let error as CatalogError {
        fail(error.message, code: 2)
    } catch let error as ParameterError {
        fail(error.message, code: 2)
    } catch let error as JSONLinesError {
        fail(error.description, code: 1)
    } catch let error as AggregationError {
        fail(error.description, code: 1)
    } catch let error as DataError {
        fail(error.description, code: 1)
    } catch let error as StoreError {
        fail(error.description, code: 1)
    } catch let error as RunnerError {
        fail(error.description, code: 1)
    } catch let error as ReportError {
        fail(error.description, code: 1)
    } catch let error as ModelError {
        fail(error.description, code: 1)
    } catch let error as BackendError {
        fail(error.description, code: 1)
    } catch let error as GenerationError {
        fail(error.description, code: 1)
    } catch let error as EncodingError {
        fail(error.description, code: 1)
    } catch let error as ExitCode {
        throw error
    } catch {
        fail("\(error)", code: 1)
    }
}

func fail(_ message: String, code: Int32) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(code)
}

import ArgumentParser
import BlendModels
import BlendRunner
import Foundation

struct NotebookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notebook",
        abstract: "Render Notebooks/NAME.md to results/notebooks/NAME/ (index.html, README.md, plots/), running its cells through the cache.",
        discussion: """
            A run: cell whose results/EXPERIMENT/result.json was computed from the same spec is shown from that file; \
            other cells are computed through the cache (as blendlab run) and stored under results/notebooks/NAME/cells/. \
            A failing cell shows its error in place; the command then exits 2.
            """
    )

    @Argument(help: "Notebook name (Notebooks/NAME.md) or path to a notebook file.")
    var name: String

    @Flag(help: "Recompute every cell through the cache instead of showing stored result files.")
    var rerun = false

    @Flag(help: "Re-render whenever the notebook or an experiment file it reads changes (stop with Ctrl-C).")
    var watch = false

    @Option(help: "Directory holding notebook files.")
    var notebooks: String = "Notebooks"

    @Option(help: "Directory holding experiment files.")
    var experiments: String = "Experiments"

    @OptionGroup var paths: PathOptions

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func run() async throws {
        var runner = NotebookRunner(options: RunOptions(cachePath: paths.cache, resultsDirectory: paths.results, quiet: quiet,
                                                        encoders: NativeEncoderProvider(threads: 1)),
                                    experimentsDirectory: experiments, rerun: rerun)
        guard watch else {
            _ = try await render(runner)
            return
        }
        while true {
            var inputs = [NotebookFile.path(for: name, directory: notebooks)]
            do {
                inputs = try await render(runner)
            } catch {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            }
            runner.rerun = false
            let before = inputs.map(Self.modified)
            print("watching \(inputs.joined(separator: ", ")) (Ctrl-C to stop)")
            while inputs.map(Self.modified) == before { try await Task.sleep(nanoseconds: 500_000_000) }
        }
    }

    /// One render: writes the pages, prints where; returns the files it read.
    func render(_ runner: NotebookRunner) async throws -> [String] {
        let file = try NotebookFile.load(name, directory: notebooks)
        let report = try await runner.render(file)
        let directory = runner.directory(for: file)
        let computed = report.computed.values.filter { !$0.isEmpty }.count
        if !quiet {
            print("\(directory)/index.html, README.md: \(report.page.cells.count) cells, "
                  + (computed == 0 ? "every result from result files" : "\(computed) computed through the cache"))
        }
        try runner.write(report, notebook: file)
        return report.inputs
    }

    static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}

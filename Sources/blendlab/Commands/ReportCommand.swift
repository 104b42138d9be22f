import ArgumentParser
import BlendReport
import Foundation

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Re-render results/<name>/ (report.md, index.html, examples.html, tables/*.tex|csv) from result.json and examples.json, computing nothing."
    )

    @Argument(help: "Experiment name (its folder under the results directory).")
    var name: String

    @Option(help: "Directory holding results/<name>/.")
    var results: String = "results"

    func run() async throws {
        let directory = (results as NSString).appendingPathComponent(name)
        for file in try ResultFiles.rerender(directory: directory) { print("\(directory)/\(file)") }
    }
}

struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Build results/index.html and results/README.md listing every experiment; the folder is a static site."
    )

    @Option(help: "The results directory.")
    var results: String = "results"

    func run() async throws {
        let count = try SiteIndex.publish(results: results)
        print("\(results)/index.html lists \(count) experiment\(count == 1 ? "" : "s")")
    }
}

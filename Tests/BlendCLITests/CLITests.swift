import Foundation
import Testing

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// The `blendlab` binary built beside this test bundle (debug or release, whichever runs).
let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("blendlab").path

/// Runs the built `blendlab` binary; returns exit status, stdout and stderr.
func blendlab(_ arguments: [String], in directory: String = packageRoot,
              environment: [String: String]? = nil) throws -> (status: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    if let environment { process.environment = environment }
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

func scratch() throws -> String {
    let dir = NSTemporaryDirectory() + "blendlab-cli-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

@Test("a broken experiment file fails before any work with exit 2, naming file, line and key")
func brokenExperimentFile() throws {
    let dir = try scratch()
    try Data("name: broken\ndataset:\n  source: jsonl\n  path: d.jsonl\nrankers: [random]\ntop_k: three\n".utf8)
        .write(to: URL(fileURLWithPath: dir + "/broken.yaml"))
    let result = try blendlab(["run", dir + "/broken.yaml", "--cache", dir + "/c.sqlite", "--results", dir + "/r"], in: dir)
    #expect(result.status == 2)
    #expect(result.err == "error: \(dir)/broken.yaml:6: top_k: must be a list, found a string\n")
    #expect(!FileManager.default.fileExists(atPath: dir + "/c.sqlite"))
}

@Test("an unknown experiment name lists the known experiments")
func unknownExperiment() throws {
    let result = try blendlab(["plan", "nope"])
    #expect(result.status == 2)
    #expect(result.err.contains("Experiments/nope.yaml: no such experiment file; known experiments:"))
    #expect(result.err.contains("smoke"))
}

@Test("integration: run, plan, report, publish and cache stats work together on disk")
func endToEnd() throws {
    let dir = try scratch()
    let lines = (0..<6).map { #"{"id": "q\#($0)", "instruction": "Q\#($0)", "candidates": [{"model": "a", "text": "x", "score": 0.1}, {"model": "b", "text": "y", "score": 0.\#($0)}]}"# }
    try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: dir + "/d.jsonl"))
    try Data("name: e2e\ndataset: {source: jsonl, path: d.jsonl}\nrankers: [oracle, random]\n".utf8)
        .write(to: URL(fileURLWithPath: dir + "/e2e.yaml"))
    let common = ["--cache", dir + "/c.sqlite"]
    #expect(try blendlab(["plan", "e2e.yaml"] + common, in: dir).out.contains("rank      oracle: 0 cached, 6 left"))
    let run = try blendlab(["run", "e2e.yaml", "--results", dir + "/results"] + common, in: dir)
    #expect(run.status == 0)
    #expect(run.err.contains("cache: 0 hits, 12 misses"))
    let again = try blendlab(["run", "e2e.yaml", "--results", dir + "/results"] + common, in: dir)
    #expect(again.err.contains("served entirely from the cache (12 hits)"))
    #expect(try blendlab(["cache", "stats"] + common, in: dir).out.contains("rank: 12 hits, 0 misses"))
    try FileManager.default.removeItem(atPath: dir + "/results/e2e/report.md")
    #expect(try blendlab(["report", "e2e", "--results", dir + "/results"], in: dir).status == 0)
    #expect(FileManager.default.fileExists(atPath: dir + "/results/e2e/report.md"))
    let publish = try blendlab(["publish", "--results", dir + "/results"], in: dir)
    #expect(publish.out.contains("lists 1 experiment"))
    let index = try String(contentsOfFile: dir + "/results/index.html", encoding: .utf8)
    #expect(index.contains("<a href=\"e2e/index.html\">e2e</a>"))
}

@Test("blendlab notebook: a failing cell still writes the pages and exits 2 naming the notebook line; a good notebook exits 0")
func notebookExitCodes() throws {
    let dir = try scratch()
    try FileManager.default.createDirectory(atPath: dir + "/Notebooks", withIntermediateDirectories: true)
    try Data("# Bad\n\n```blendlab\nrun: nope\n```\n".utf8).write(to: URL(fileURLWithPath: dir + "/Notebooks/bad.md"))
    let bad = try blendlab(["notebook", "bad", "--notebooks", dir + "/Notebooks", "--results", dir + "/results", "--cache", dir + "/c.sqlite"])
    #expect(bad.status == 2)
    #expect(bad.err.contains("\(dir)/Notebooks/bad.md:4: run: no experiment 'nope'"), "\(bad.err)")
    #expect(FileManager.default.fileExists(atPath: dir + "/results/notebooks/bad/index.html"))
    let good = try blendlab(["notebook", "Tests/Fixtures/notebook-mini/Notebooks/mini.md", "--experiments", "Tests/Fixtures/notebook-mini/Experiments",
                             "--results", dir + "/results", "--cache", dir + "/c.sqlite"])
    #expect(good.status == 0, "\(good.err)")
}

@Test("--help, -h and help CMD print the help on standard output and exit 0", arguments: [["--help"], ["run", "--help"], ["run", "-h"], ["help", "run"], ["cache", "merge", "--help"]])
func helpExitsCleanly(_ arguments: [String]) throws {
    let result = try blendlab(arguments)
    #expect(result.status == 0, "\(arguments): \(result.err)")
    #expect(result.out.contains("USAGE: blendlab"), "\(arguments): \(result.out.prefix(200))")
    #expect(result.err.isEmpty && !result.out.contains("CommandError"))
}

import Foundation

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// The real AlpacaEval development data: `data/alpaca_eval` (`make test` fetches it first).
let realData = packageRoot + "/data/alpaca_eval"

func scratchDirectory() throws -> String {
    let dir = NSTemporaryDirectory() + "blendlab-data-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

func write(_ text: String, to path: String) throws {
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

/// A tiny AlpacaEval-layout directory: models a and b answer q1 and q2; c answers q1 only.
func tinyAlpacaEval() throws -> String {
    let root = try scratchDirectory()
    func outputs(_ model: String, _ rows: [(String, String)]) throws {
        let json = rows.map { #"{"instruction": "\#($0.0)", "output": "\#($0.1)", "generator": "\#(model)", "dataset": "t"}"# }
        try write("[" + json.joined(separator: ",") + "]", to: "\(root)/results/\(model)/model_outputs.json")
    }
    func annotations(_ model: String, _ rows: [(String, String)]) throws {
        let json = rows.map { #"{"instruction": "\#($0.0)", "output_2": "x", "generator_2": "\#(model)", "preference": \#($0.1)}"# }
        try write("[" + json.joined(separator: ",") + "]", to: "\(root)/results/\(model)/judge/annotations.json")
    }
    try outputs("ref", [("q1", "gold 1"), ("q2", "gold 2")])
    try outputs("a", [("q1", "a1"), ("q2", "a2")])
    try annotations("a", [("q1", "1.9"), ("q2", "1.2")])
    try outputs("b", [("q1", "b1"), ("q2", "b2")])
    try annotations("b", [("q1", "1.5"), ("q2", "1.2")])
    try outputs("c", [("q1", "c1")])
    try annotations("c", [("q1", "1.0")])
    return root
}

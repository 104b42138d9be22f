import Foundation

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

func scratchDirectory() throws -> String {
    let dir = NSTemporaryDirectory() + "blendlab-runner-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

func write(_ text: String, to path: String) throws {
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

/// A small JSON-lines data set: `count` examples, 3 candidates whose oracle prefers `b`.
func smallDataSet(in dir: String, count: Int = 12) throws -> String {
    let lines = (0..<count).map { i in
        #"{"id": "q\#(i)", "instruction": "Question \#(i)?", "candidates": [{"model": "a", "text": "short \#(i)", "score": \#(Double(i % 3) / 10)}, {"model": "b", "text": "a longer answer \#(i)", "score": 0.5}, {"model": "c", "text": "mid \#(i) text", "score": 0.2}]}"#
    }
    let path = dir + "/data.jsonl"
    try write(lines.joined(separator: "\n"), to: path)
    return path
}

func experimentFile(in dir: String, data: String, extra: String = "") throws -> String {
    let path = dir + "/exp.yaml"
    try write("""
        name: exp
        seed: 3
        baseline: a
        dataset:
          source: jsonl
          path: \(data)
          split: {train: 0.5, test: 0.5}
          evaluate: all
        rankers:
          - oracle
          - {id: random, seed: 1}
        \(extra)
        """, to: path)
    return path
}

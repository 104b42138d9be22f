import Foundation
import Testing

/// The fixtures' random 2-layer PairRM (`make pairrm-fixtures`), with PyTorch's logits per triple.
private let fixtures = packageRoot + "/.build-fixtures/pairrm"

@Test("compare: triples in, the PairRM fixture's logits out, within 1e-4 of PyTorch; a missing id is the line number")
func compareVerb() throws {
    let dir = try scratch()
    let rows = try String(contentsOfFile: fixtures + "/pairs.jsonl", encoding: .utf8).split(separator: "\n").prefix(3).map {
        try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
    }
    var lines = try rows.map { row in
        String(decoding: try JSONSerialization.data(withJSONObject: ["id": row["id"] ?? "", "instruction": row["instruction"] ?? "",
                                                                      "a": row["a"] ?? "", "b": row["b"] ?? ""]), as: UTF8.self)
    }
    lines[2] = String(decoding: try JSONSerialization.data(withJSONObject: ["instruction": rows[2]["instruction"] ?? "",
                                                                             "a": rows[2]["a"] ?? "", "b": rows[2]["b"] ?? ""]), as: UTF8.self)
    try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: dir + "/pairs.jsonl"))
    let result = try blendlab(["compare", "--ranker", "pair-rm", "--model", fixtures, "--input", dir + "/pairs.jsonl"])
    #expect(result.status == 0, "\(result.err)")
    let out = try result.out.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
    #expect(out.count == 3)
    #expect(out.prefix(2).map { $0["id"] as? String } == rows.prefix(2).map { $0["id"] as? String })
    #expect(out.last?["id"] as? Int == 3)
    for (got, row) in zip(out, rows) {
        let d = abs((got["logit"] as? Double ?? .nan) - (row["logit"] as? Double ?? .nan))
        #expect(d < 1e-4, "\(row["id"] ?? "") differs from PyTorch by \(d)")
    }
}

@Test("compare: a reserved token or a missing field is an error naming the line (no output; with --stream the lines before it); a pointwise ranker is refused")
func compareErrors() throws {
    let dir = try scratch()
    try Data("{\"instruction\": \"hi\", \"a\": \"x\", \"b\": \"y\"}\n{\"instruction\": \"hi\", \"a\": \"<|source|> x\", \"b\": \"y\"}\n".utf8)
        .write(to: URL(fileURLWithPath: dir + "/reserved.jsonl"))
    let reserved = try blendlab(["compare", "--model", fixtures, "--input", dir + "/reserved.jsonl"])
    #expect(reserved.status == 1)
    #expect(reserved.out.isEmpty)
    #expect(reserved.err == "error: \(dir)/reserved.jsonl, line 2: the candidate a text contains the reserved token <|source|>; remove it (PairRM marks its segments with it)\n")
    // --stream writes each line on arrival: the line before the bad one is out.
    let streamed = try blendlab(["compare", "--model", fixtures, "--input", dir + "/reserved.jsonl", "--stream"])
    #expect(streamed.status == 1)
    #expect(streamed.out.hasPrefix("{\"id\":1,\"logit\":") && streamed.out.split(separator: "\n").count == 1, "\(streamed.out)")
    try Data("{\"instruction\": \"hi\", \"a\": \"x\"}\n".utf8).write(to: URL(fileURLWithPath: dir + "/missing.jsonl"))
    let missing = try blendlab(["compare", "--model", fixtures, "--input", dir + "/missing.jsonl"])
    #expect(missing.status != 0)
    #expect(missing.err.hasPrefix("error: \(dir)/missing.jsonl, line 1: "), "\(missing.err)")
    let pointwise = try blendlab(["compare", "--ranker", "random", "--input", dir + "/missing.jsonl"])
    #expect(pointwise.status == 2)
    #expect(pointwise.err == "error: --ranker random is not a pairwise comparator\n")
}

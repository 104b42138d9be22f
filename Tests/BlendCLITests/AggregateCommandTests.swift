import Foundation
import Testing

@Test("aggregate: matrices in, rankings out; null entries are skipped; a missing id is the line number")
func aggregateVerb() throws {
    let dir = try scratch()
    try Data("""
        {"id": "x", "matrix": [[null, 2, -1], [1, null, 3], [0.5, -2, null]]}

        {"matrix": [[0, 1], [null, 0]]}
        """.utf8).write(to: URL(fileURLWithPath: dir + "/m.jsonl"))
    let result = try blendlab(["aggregate", "--rule", "max-logits", "--input", dir + "/m.jsonl"])
    #expect(result.status == 0)
    #expect(result.out == """
        {"id":"x","ranking":[1,0,2],"scores":[-0.5,4.0,-3.5],"comparisons":6}
        {"id":3,"ranking":[0,1],"scores":[1.0,-1.0],"comparisons":1}

        """)
}

@Test("aggregate: a non-square or empty matrix is an error naming the line; an unknown rule lists the known ones")
func aggregateErrors() throws {
    let dir = try scratch()
    try Data("{\"id\": 1, \"matrix\": [[null, 1]]}\n".utf8).write(to: URL(fileURLWithPath: dir + "/bad.jsonl"))
    let bad = try blendlab(["aggregate", "--input", dir + "/bad.jsonl"])
    #expect(bad.status == 1)
    #expect(bad.err == "error: \(dir)/bad.jsonl, line 1: the comparison matrix is not square: row 0 has 2 entries but there are 1 rows; give N rows of N entries (null where not compared)\n")
    try Data("{\"id\": 1, \"matrix\": []}\n".utf8).write(to: URL(fileURLWithPath: dir + "/empty.jsonl"))
    let empty = try blendlab(["aggregate", "--input", dir + "/empty.jsonl"])
    #expect(empty.err == "error: \(dir)/empty.jsonl, line 1: the comparison matrix is empty; give one row per candidate (N >= 1)\n")
    let unknown = try blendlab(["aggregate", "--rule", "nope", "--input", dir + "/empty.jsonl"])
    #expect(unknown.status == 2)
    #expect(unknown.err.hasPrefix("error: unknown aggregation rule 'nope'; known aggregation rules: max-logits, max-wins, bubble"))
}

import BlendCore
import Foundation
import Testing
@testable import BlendData

struct FlatJSONObjectTests {
    func parse(_ s: String) -> [String: JSONValue]? {
        Array(s.utf8).withUnsafeBufferPointer { FlatJSONObject.parse($0) }
    }

    /// Every JSON escape, including a surrogate pair, decodes as JSONDecoder does.
    @Test func escapesAsJSONDecoder() throws {
        let line = #"{"s": "q\" b\\ s\/ \b\f\n\r\t \u00e9 \ud83d\ude00 日本", "x": -1.5e-1}"#
        let ours = try #require(parse(line))
        let theirs = try JSONDecoder().decode([String: JSONValue].self, from: Data(line.utf8))
        #expect(ours == theirs)
        #expect(ours["s"] == .string("q\" b\\ s/ \u{8}\u{c}\n\r\t é 😀 日本"))
    }

    @Test(arguments: ["", "{", "{\"a\" 1}", "{\"a\": [1]}", "{\"a\": 1,}", "{\"a\": \"\\x\"}", "{\"a\": \"\\udc00\"}", "{} x", "[1]"])
    func rejects(_ line: String) {
        #expect(parse(line) == nil)
    }

    /// The 8-bytes-at-a-time scan stops at a quote, a backslash or a control byte wherever it
    /// falls in a word, after plain ASCII and after multi-byte characters (high bits set).
    @Test func specialBytesAtEveryOffsetOfAWord() throws {
        for filler in ["a", "é"] {
            for offset in 0..<20 {
                let head = String(repeating: filler, count: offset)
                for (escaped, decoded) in [(#"\""#, "\""), (#"\\"#, "\\"), (#"\n"#, "\n"), ("", "")] {
                    let line = "{\"s\": \"\(head)\(escaped)tail-after-the-special-byte\"}"
                    #expect(parse(line) == ["s": .string(head + decoded + "tail-after-the-special-byte")], "\(line)")
                }
                // A raw control byte inside a string is not JSON, at any offset.
                #expect(parse("{\"s\": \"\(head)\u{01}tail\"}") == nil)
            }
        }
    }

    @Test func emptyObject() {
        #expect(parse(" { } ") == [:])
    }
}

/// The whole-document parser of the data files reads what JSONDecoder reads.
struct FastJSONTests {
    func both(_ data: Data) throws -> (ours: JSONValue?, theirs: JSONValue) {
        let ours = data.withUnsafeBytes { FastJSON.parse($0.bindMemory(to: UInt8.self)) }
        return (ours, try JSONDecoder().decode(JSONValue.self, from: data))
    }

    @Test(arguments: ["1", "1.0", "1.5", "1e2", "-0.0", "1e20", "9223372036854775807", "9223372036854775808", "0.1e1", "2.50e1",
                      "[1, 2.5, true, null, \"x\"]", "{\"a\": {\"b\": [[], {}]}, \"c\": -3}"])
    func numbersAndNestingAsJSONDecoder(_ text: String) throws {
        let (ours, theirs) = try both(Data(text.utf8))
        #expect(ours == theirs, "\(text)")
    }

    @Test(arguments: ["[1,]", "{\"a\": 1, \"a\": 2}", "[1e999]", "[\"\\ud800\"]", "[1] [2]", String(repeating: "[", count: 600) + String(repeating: "]", count: 600)])
    func leavesTheRestToJSONDecoder(_ text: String) {
        #expect(Data(text.utf8).withUnsafeBytes { FastJSON.parse($0.bindMemory(to: UInt8.self)) } == nil)
    }

    /// Every JSON file of the real development data, value for value.
    @Test func everyRealDataFileAsJSONDecoder() throws {
        let files = try #require(FileManager.default.enumerator(atPath: realData)).compactMap { $0 as? String }.filter { $0.hasSuffix(".json") }
        #expect(files.count > 20)
        for file in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: realData + "/" + file))
            let (ours, theirs) = try both(data)
            #expect(ours == theirs, "\(file)")
        }
    }
}

/// The row parser that keeps only some members reads what the full parser reads, less the rest,
/// and rejects what it rejects, also where the fault is in a member it skips.
struct FastJSONRowsTests {
    func rows(_ text: String, keeping keys: Set<String>) -> [JSONValue]? {
        Array(text.utf8).withUnsafeBufferPointer { FastJSONRows.parse($0, keeping: keys) }
    }

    func full(_ text: String) -> JSONValue? {
        Array(text.utf8).withUnsafeBufferPointer { FastJSON.parse($0) }
    }

    static func restricted(_ value: JSONValue, to keys: Set<String>) -> JSONValue? {
        guard case .array(let rows) = value else { return nil }
        return .array(rows.map { row in
            guard case .object(let members) = row else { return row }
            return .object(members.filter { keys.contains($0.key) })
        })
    }

    @Test func keepsTheNamedMembersOfEveryRow() throws {
        let text = #"[{"a": "x\"y", "skip": "long \\ \/ \b\f\n\r\t \u00e9 \ud83d\ude00 text", "n": [1, {"z": null}]}, {"a": 2.5, "b": true}, {}]"#
        let kept = try #require(rows(text, keeping: ["a", "b"]))
        #expect(JSONValue.array(kept) == Self.restricted(try #require(full(text)), to: ["a", "b"]))
        #expect(kept[0] == .object(["a": .string("x\"y")]))
    }

    @Test(arguments: [#"[{"a": 1, "s": "\x"}]"#, #"[{"a": 1, "s": "\ud800"}]"#, #"[{"a": 1, "s": "\udc00 x"}]"#,
                      "[{\"a\": 1, \"s\": \"raw \u{01} control\"}]", #"[{"a": 1, "a": 2}]"#, #"[{"s": "x", "s": "y"}]"#,
                      #"[{"a": 1, "s": "open}]"#, #"[{"a": 1}] x"#, #"[{"a": 1},]"#, #"[{"a": 1, "s": [1,]}]"#])
    func rejectsWhatTheFullParserRejects(_ text: String) {
        #expect(rows(text, keeping: ["a"]) == nil)
        #expect(full(text) == nil)
    }

    /// Every AlpacaEval file of the real development data, with the members the loader reads.
    @Test func everyRealDataFileAsTheFullParser() throws {
        let files = try #require(FileManager.default.enumerator(atPath: realData)).compactMap { $0 as? String }
            .filter { $0.hasSuffix("model_outputs.json") || $0.hasSuffix("annotations.json") }
        #expect(files.count > 20)
        for file in files {
            let text = try String(contentsOfFile: realData + "/" + file, encoding: .utf8)
            let keys: Set<String> = file.hasSuffix("annotations.json") ? ["instruction", "preference"] : ["instruction", "output"]
            let kept = try #require(rows(text, keeping: keys), "\(file)")
            #expect(JSONValue.array(kept) == Self.restricted(try #require(full(text)), to: keys), "\(file)")
        }
    }
}

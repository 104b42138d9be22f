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

    @Test func emptyObject() {
        #expect(parse(" { } ") == [:])
    }
}

import BlendCore
import Foundation
import Testing

@Test("canonical JSON sorts keys, drops whitespace and writes integral doubles as integers")
func canonicalForm() {
    let value: JSONValue = .object(["b": .array([.int(1), .double(2.0), .double(0.5)]), "a": .string("x\"y\n"), "c": .null])
    #expect(value.canonical == #"{"a":"x\"y\n","b":[1,2,0.5],"c":null}"#)
}

@Test("equal values hash equally whatever the key order they were built in")
func canonicalHashIgnoresConstructionOrder() throws {
    let a = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"x": 1, "y": {"p": true, "q": [1, "z"]}}"#.utf8))
    let b = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"y": {"q": [1, "z"], "p": true}, "x": 1}"#.utf8))
    #expect(a.hash == b.hash)
    #expect(a.hash != JSONValue.object(["x": .int(2)]).hash)
}

@Test("leaves name every scalar by its dotted path")
func leaves() {
    let value: JSONValue = .object(["component": .object(["params": .object(["seed": .int(3)])]), "list": .array([.string("a")])])
    #expect(value.leaves().map(\.path) == ["component.params.seed", "list[0]"])
}

@Test("a number that fits no 64-bit float is reported by its path, not as the container's type")
func outOfRangeNumberNamesItsPath() {
    let data = Data(#"{"candidates": [{"model": "a", "score": 1e999}]}"#.utf8)
    do {
        _ = try JSONDecoder().decode(JSONValue.self, from: data)
        Issue.record("1e999 decoded")
    } catch DecodingError.dataCorrupted(let context) {
        #expect(context.debugDescription == "candidates[0].score: a number too large for a 64-bit float, or not a JSON value")
    } catch {
        Issue.record("unexpected error \(error)")
    }
}

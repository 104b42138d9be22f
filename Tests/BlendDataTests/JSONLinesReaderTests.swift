import BlendCore
import Foundation
import Testing
@testable import BlendData

struct JSONLinesReaderTests {
    func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("jsonl-\(UUID().uuidString).jsonl").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func readsFlatObjectsSkippingBlankLines() throws {
        let path = try file("{\"id\": \"a\", \"hypothesis\": \"x\\ny\", \"n\": 2}\n\n  \n{\"id\":7,\"ok\":true,\"none\":null}\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let rows = try JSONLinesReader(path: path).flatObjects()
        #expect(rows.map(\.line) == [1, 4])
        #expect(rows[0].value == ["id": .string("a"), "hypothesis": .string("x\ny"), "n": .int(2)])
        #expect(rows[1].value == ["id": .int(7), "ok": .bool(true), "none": .null])
    }

    @Test func badLinesNameTheirNumber() throws {
        let path = try file("{\"id\": 1}\nnot json\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: JSONLinesError.badLine(source: path, line: 2, reason: "not valid JSON (each line must be one JSON object)")) {
            try JSONLinesReader(path: path).flatObjects()
        }
        let nested = try file("{\"id\": [1]}\n")
        defer { try? FileManager.default.removeItem(atPath: nested) }
        #expect(throws: JSONLinesError.badLine(source: nested, line: 1,
                                               reason: "nested values are not accepted; values must be strings, numbers, booleans or null")) {
            try JSONLinesReader(path: nested).flatObjects()
        }
    }

    /// A named pipe (what `--input <(...)` and /dev/stdin are) cannot be memory-mapped; it is read whole.
    @Test func readsANamedPipe() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("jsonl-\(UUID().uuidString).fifo").path
        #expect(mkfifo(path, 0o600) == 0)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: path) else { return }
            handle.write(Data("{\"id\": 1, \"x\": \"a\"}\n{\"id\": 2}\n".utf8))
            try? handle.close()
        }
        writer.start()
        let rows = try JSONLinesReader(path: path).flatObjects()
        #expect(rows.map(\.line) == [1, 2])
        #expect(rows[0].value == ["id": .int(1), "x": .string("a")])
    }

    @Test func missingFile() {
        #expect(throws: JSONLinesError.unreadable(path: "/nonexistent/x.jsonl")) {
            try JSONLinesReader(path: "/nonexistent/x.jsonl").flatObjects()
        }
    }
}

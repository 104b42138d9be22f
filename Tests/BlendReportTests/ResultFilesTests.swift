import BlendReport
import Foundation
import Testing

@Test("an atomic write replaces the file, leaves no partial file, and removes a dead writer's partial file")
func atomicWriteCleansAbandonedPartials() throws {
    let dir = NSTemporaryDirectory() + "rl-resultfiles-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let dead = Process()
    dead.executableURL = URL(fileURLWithPath: "/bin/true")
    try dead.run()
    dead.waitUntilExit()
    let abandoned = "\(dir)/.result.json.partial-\(dead.processIdentifier)"
    try Data("{\"half\": ".utf8).write(to: URL(fileURLWithPath: abandoned))
    try ResultFiles.writeAtomically(Data("new".utf8), to: dir + "/result.json")
    #expect(try String(contentsOfFile: dir + "/result.json", encoding: .utf8) == "new")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["result.json"])
}

import BlendCore
import Foundation
import Testing

@Suite("chat-fuser prompt budget")
struct ChatFuserBudgetTests {
    @Test("prompt_chars is split evenly over the K candidates; short candidates stay whole")
    func budgetSplitsOverK() {
        let long = String(repeating: "word ", count: 400)   // 2000 characters
        let one = ChatFuser.message(source: "Q", candidates: [long], promptChars: 3500)
        #expect(one.contains("Candidate 1: \(long)\n"))
        let fourteen = ChatFuser.message(source: "Q", candidates: Array(repeating: long, count: 14), promptChars: 3500)
        // 3500 / 14 = 250 characters each, trailing space dropped, "..." appended.
        let cut = String(long.prefix(250)).trimmingCharacters(in: .whitespaces) + "..."
        #expect(fourteen.contains("Candidate 14: \(cut)\n"))
        #expect(fourteen.count < 14 * 270 + 300)
        let short = ChatFuser.message(source: "Q", candidates: ["ok", long], promptChars: 3500)
        #expect(short.contains("Candidate 1: ok\n") && short.contains("Candidate 2: \(String(long.prefix(1750)).trimmingCharacters(in: .whitespaces))...\n"))
        #expect(ChatFuser.message(source: "Q", candidates: [long, long], promptChars: 0).contains("Candidate 2: \(long)\n"))
    }

    @Test("the budget is part of the fuser's identity (its cache key) and validated")
    func identityAndValidation() throws {
        let made = try Catalog.make(Catalog.fusers, kind: "fuser", id: "chat-fuser", params: ["prompt_chars": .int(1200)])
        #expect(made.identity.canonical.contains("\"prompt_chars\":1200"))
        let fallback = try Catalog.make(Catalog.fusers, kind: "fuser", id: "chat-fuser", params: [:])
        #expect(fallback.identity.canonical.contains("\"prompt_chars\":3500"))
        #expect(throws: ParameterError.invalid(key: "prompt_chars", message: "must be 0 (no cut) or more")) {
            try Catalog.make(Catalog.fusers, kind: "fuser", id: "chat-fuser", params: ["prompt_chars": .int(-1)])
        }
    }
}

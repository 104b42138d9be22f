import BlendCore

/// An in-memory `TextGeneration` for component tests: answers by a function of the request and
/// records every request.
actor RequestLog {
    var requests: [GenerationRequest] = []
    func add(_ r: GenerationRequest) { requests.append(r) }
}

struct ScriptedGeneration: TextGeneration {
    let log = RequestLog()
    let answer: @Sendable (GenerationRequest) -> GenerationResult

    init(_ answer: @escaping @Sendable (GenerationRequest) -> GenerationResult) { self.answer = answer }

    init(text: @escaping @Sendable (GenerationRequest) -> String) {
        self.init { GenerationResult(text: text($0), finishReason: "stop", usage: TokenUsage(promptTokens: 1, completionTokens: 1), seconds: 0.01) }
    }

    func generate(_ request: GenerationRequest) async throws -> GenerationResult {
        await log.add(request)
        return answer(request)
    }
}

extension GenerationRequest {
    /// The user message or prompt text.
    var text: String {
        switch prompt {
        case .chat(let messages): messages.map(\.content).joined(separator: "\n")
        case .completion(let p): p
        }
    }
}

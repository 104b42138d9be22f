import BlendCore
import Foundation

/// The OpenAI wire format: request bodies and the parsing of answers.
enum OpenAIWire {
    /// The endpoint path (after the base URL) and JSON body for `request`.
    static func body(for request: GenerationRequest) throws -> (String, Data) {
        var body: [String: JSONValue] = [
            "model": .string(request.model),
            "temperature": .double(request.sampling.temperature),
            "top_p": .double(request.sampling.topP),
            "max_tokens": .int(request.sampling.maxTokens),
            "n": .int(1),
        ]
        if !request.sampling.stop.isEmpty { body["stop"] = .array(request.sampling.stop.map(JSONValue.string)) }
        if let seed = request.sampling.seed { body["seed"] = .int(seed) }
        let path: String
        switch request.prompt {
        case .chat(let messages):
            path = "/chat/completions"
            body["messages"] = .array(messages.map { .object(["role": .string($0.role), "content": .string($0.content)]) })
        case .completion(let prompt):
            path = "/completions"
            body["prompt"] = .string(prompt)
            if request.echoLogprobs {
                body["echo"] = .bool(true)
                body["logprobs"] = .int(1)
            }
        }
        return (path, Data(JSONValue.object(body).canonical.utf8))
    }

    struct Answer: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable { var content: String? }
            struct Logprobs: Decodable {
                var tokens: [String]?
                var text_offset: [Int]?
                var token_logprobs: [Double?]?
            }
            var text: String?
            var message: Message?
            var finish_reason: String?
            var logprobs: Logprobs?
        }
        struct Usage: Decodable {
            var prompt_tokens: Int?
            var completion_tokens: Int?
        }
        var choices: [Choice]
        var usage: Usage?
    }

    static func result(from data: Data, request: GenerationRequest, seconds: Double, backend: String, url: String) throws -> GenerationResult {
        let answer: Answer
        do {
            answer = try JSONDecoder().decode(Answer.self, from: data)
        } catch {
            throw BackendError.badResponse(backend: backend, url: url, reason: "\(error) in \(String(decoding: data.prefix(300), as: UTF8.self))")
        }
        guard let choice = answer.choices.first else { throw BackendError.badResponse(backend: backend, url: url, reason: "no choices") }
        let text: String
        switch request.prompt {
        case .chat:
            guard let content = choice.message?.content else { throw BackendError.badResponse(backend: backend, url: url, reason: "no message.content") }
            text = content
        case .completion:
            guard let t = choice.text else { throw BackendError.badResponse(backend: backend, url: url, reason: "no choices[0].text") }
            text = t
        }
        var tokens: [TokenLogprob]?
        if request.echoLogprobs {
            guard let lp = choice.logprobs, let t = lp.tokens, let offsets = lp.text_offset, let values = lp.token_logprobs,
                  t.count == offsets.count, t.count == values.count else {
                throw BackendError.badResponse(backend: backend, url: url,
                                               reason: "asked for echo + logprobs, got no complete logprobs.tokens/text_offset/token_logprobs (a llama-cpp-python server needs logits_all)")
            }
            tokens = (0..<t.count).map { TokenLogprob(text: t[$0], offset: offsets[$0], logprob: values[$0]) }
        }
        let usage = TokenUsage(promptTokens: answer.usage?.prompt_tokens ?? 0, completionTokens: answer.usage?.completion_tokens ?? 0)
        return GenerationResult(text: text, finishReason: choice.finish_reason, usage: usage, seconds: seconds, tokens: tokens)
    }
}

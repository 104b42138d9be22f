import BlendCore
import Foundation

/// The wire format of `/v1/embeddings` (OpenAI, vLLM, Text Embeddings Inference, llama.cpp).
enum OpenAIEmbeddingWire {
    static let path = "/embeddings"

    static func body(model: String, inputs: [String], dimensions: Int?) -> Data {
        var body: [String: JSONValue] = [
            "model": .string(model),
            "input": .array(inputs.map(JSONValue.string)),
            "encoding_format": .string("float"),
        ]
        if let dimensions { body["dimensions"] = .int(dimensions) }
        return Data(JSONValue.object(body).canonical.utf8)
    }

    struct Answer: Decodable {
        struct Item: Decodable {
            var embedding: [Float]
            var index: Int?
        }
        var data: [Item]
    }

    /// What a server that does not pool answers: a vector per token of each input.
    struct PerTokenAnswer: Decodable {
        struct Item: Decodable { var embedding: [[Float]] }
        var data: [Item]
    }

    /// One vector per input, in input order (by `index` when the server gives it).
    static func vectors(from data: Data, count: Int, backend: String, url: String) throws -> [[Float]] {
        let answer: Answer
        do {
            answer = try JSONDecoder().decode(Answer.self, from: data)
        } catch {
            if (try? JSONDecoder().decode(PerTokenAnswer.self, from: data)) != nil {
                throw BackendError.badResponse(backend: backend, url: url, reason: "it sent a vector per token, not per input: the model is served "
                    + "without pooling (llama.cpp: --pooling mean; llama-cpp-python: scripts/embedding_server.py)")
            }
            throw BackendError.badResponse(backend: backend, url: url, reason: "\(error) in \(String(decoding: data.prefix(300), as: UTF8.self))")
        }
        guard answer.data.count == count else {
            throw BackendError.badResponse(backend: backend, url: url, reason: "asked for \(count) embeddings, got \(answer.data.count)")
        }
        var out = [[Float]?](repeating: nil, count: count)
        for (position, item) in answer.data.enumerated() {
            let i = item.index ?? position
            guard out.indices.contains(i), out[i] == nil else {
                throw BackendError.badResponse(backend: backend, url: url, reason: "embedding index \(i) is out of range or repeated")
            }
            guard !item.embedding.isEmpty, item.embedding.allSatisfy(\.isFinite) else {
                throw BackendError.badResponse(backend: backend, url: url, reason: "embedding \(i) is empty or not finite")
            }
            out[i] = item.embedding
        }
        let vectors = out.compactMap { $0 }
        guard Set(vectors.map(\.count)).count == 1 else {
            throw BackendError.badResponse(backend: backend, url: url, reason: "the embeddings have different lengths")
        }
        return vectors
    }
}

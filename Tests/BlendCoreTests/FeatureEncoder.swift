import BlendCore

/// A deterministic stand-in text encoder for the core tests: coordinate 0 of every vector is
/// the text's length / 100 (so "longer is better" is learnable from it), coordinate 1 is 1,
/// the others are hash noise. Segment vectors are the same per segment.
struct FeatureEncoder: TextEncoding, TextEncoderProvider {
    var dimension = 8

    func encoder(model: String) async throws -> any TextEncoding { self }

    var identity: JSONValue { .object(["model": .string("feature-encoder"), "dimension": .int(dimension)]) }

    func vector(_ text: String) -> [Float] {
        let digest = SHA256.digest(Array(text.utf8))
        return (0..<dimension).map { k in
            switch k {
            case 0: Float(text.count) / 100
            case 1: 1
            default: Float(digest[k % digest.count]) / 255 - 0.5
            }
        }
    }

    /// One token per word, with the word's vector.
    func tokenEmbeddings(_ texts: [String], layer: Int) async throws -> [TokenEmbeddings] {
        texts.map { text in
            let words = text.split(separator: " ").map(String.init)
            return TokenEmbeddings(ids: words.map { Int(SHA256.digest(Array($0.utf8))[0]) }, special: words.map { _ in false },
                                   vectors: words.flatMap(vector), dimension: dimension)
        }
    }

    func tokenIDs(_ texts: [String]) async throws -> [[Int]] { texts.map { Array($0.utf8).map(Int.init) } }

    func sentenceEmbeddings(_ texts: [String]) async throws -> [[Float]] {
        texts.map { text in
            let v = vector(text)
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return v.map { $0 / norm }
        }
    }

    func segmentVectors(source: String, a: String, b: String?, tokens: SegmentTokens) async throws -> SegmentVectors {
        SegmentVectors(source: vector(source), a: vector(a), b: b.map(vector) ?? [])
    }
}

extension Fixtures {
    /// `count` examples whose oracle prefers longer candidates (five candidates each).
    static func lengthPreferring(_ count: Int, prefix: String = "t") -> [Example] {
        (0..<count).map { i in
            let texts = (0..<5).map { k in String(repeating: "w", count: 3 + ((k * 7 + i * 3) % 11) * 4) + " \(prefix)\(i)-\(k)" }
            return example(id: "\(prefix)\(i)", texts: texts, scores: texts.map { Double($0.count) })
        }
    }
}

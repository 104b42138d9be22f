import BlendCore

/// Wraps a text encoder provider so that sentence embeddings are cached per text, keyed by the
/// encoder's identity (weights included) and the text's SHA-256. Token embeddings are large, and
/// the values made from them (BERTScore) are cached instead; within a run they are computed once
/// per text and shared (`TokenStateMemo`, one per provider, so one per run).
struct CachingEncoderProvider: TextEncoderProvider {
    let base: any TextEncoderProvider
    let cache: any ValueCache
    let memo = TokenStateMemo()

    func encoder(model: String) async throws -> any TextEncoding {
        let encoding = try await base.encoder(model: model)
        return CachingTextEncoding(base: encoding, cache: cache, memo: memo, identityKey: encoding.identity.canonical)
    }

    /// Passes through: the compare stage caches each comparison.
    func pairLogit(model: String, source: String, a: String, b: String, sourceTokens: Int?, candidateTokens: Int?) async throws -> Double {
        try await base.pairLogit(model: model, source: source, a: a, b: b, sourceTokens: sourceTokens, candidateTokens: candidateTokens)
    }
}

struct CachingTextEncoding: TextEncoding {
    let base: any TextEncoding
    let cache: any ValueCache
    let memo: TokenStateMemo
    let identityKey: String

    var identity: JSONValue { base.identity }

    func tokenEmbeddings(_ texts: [String], layer: Int) async throws -> [TokenEmbeddings] {
        try await memo.states(texts, encoder: identityKey, layer: layer) { [base] missing in
            try await base.tokenEmbeddings(missing, layer: layer)
        }
    }

    func tokenIDs(_ texts: [String]) async throws -> [[Int]] { try await base.tokenIDs(texts) }

    /// One lookup for all texts; the misses are encoded as one batch (split over the cores).
    func sentenceEmbeddings(_ texts: [String]) async throws -> [[Float]] {
        let fields = texts.map { JSONValue.object(["encoder": base.identity, "text": .string(SHA256.hex($0))]) }
        return try await cache.values(stage: "embedding", component: "sentence-embedding", fields: fields) { [base] missing in
            try await base.sentenceEmbeddings(missing.map { texts[$0] })
        }
    }

    /// Cached per (encoder, token budget, hashes of the three texts), stored as bfloat16; the
    /// returned vectors are always the rounded ones, so cold and cached runs agree exactly.
    func segmentVectors(source: String, a: String, b: String?, tokens: SegmentTokens) async throws -> SegmentVectors {
        var texts: [JSONValue] = [.string(SHA256.hex(source)), .string(SHA256.hex(a))]
        if let b { texts.append(.string(SHA256.hex(b))) }
        let fields: JSONValue = .object(["encoder": base.identity, "tokens": tokens.json, "texts": .array(texts)])
        let packed = try await cache.value(stage: "segments", component: "segment-vectors", fields: fields) { [base] in
            PackedSegmentVectors(try await base.segmentVectors(source: source, a: a, b: b, tokens: tokens))
        }
        // An entry that does not decode (written by a different build) is computed again.
        if let vectors = packed.vectors { return vectors }
        return try await base.segmentVectors(source: source, a: a, b: b, tokens: tokens).rounded
    }
}

import Foundation

/// The optional length input of the trained rankers: log(1 + characters / 100) of the whole,
/// untruncated candidate. Segment vectors are mean-pooled over at most `candidate_tokens`
/// tokens, so without it a trained head cannot tell a 70-token answer from a 700-token one.
enum LengthFeature {
    static func value(_ text: String) -> Float { Float(log1p(Double(text.count) / 100)) }

    /// `id`, with the token budget when it is not the default and `+length` when the feature is on.
    static func name(_ id: String, tokens: SegmentTokens, defaults: SegmentTokens, length: Bool) -> String {
        var parts: [String] = []
        if tokens != defaults { parts.append("tokens=\(tokens.source)/\(tokens.candidate)") }
        if length { parts.append("length") }
        return parts.isEmpty ? id : "\(id)(\(parts.joined(separator: ",")))"
    }
}

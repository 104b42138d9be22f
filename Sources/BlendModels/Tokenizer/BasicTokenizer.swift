import Foundation

/// BERT's text normalisation and pre-tokenisation, as Hugging Face's `BertNormalizer` and
/// `BertPreTokenizer` (the fast tokenizer that sentence-transformers uses) do it:
///
/// 1. clean: drop U+0000, U+FFFD and control characters (categories Cc, Cf, Cs, Co, Cn, except
///    tab, LF and CR); map whitespace (the White_Space property, plus tab/LF/CR) to a space;
/// 2. put spaces around CJK ideographs (the CJK Unified Ideographs blocks and extensions);
/// 3. when lower-casing: strip accents (NFD, then drop non-spacing marks, category Mn), then
///    lower-case each scalar with its full Unicode mapping;
/// 4. split on whitespace, and isolate every punctuation character (ASCII punctuation, or any
///    Unicode category P*) as its own word.
public struct BasicTokenizer: Sendable {
    public var lowercase: Bool

    public init(lowercase: Bool = true) { self.lowercase = lowercase }

    /// The words of `text`, each as its Unicode scalars.
    public func words(_ text: String) -> [[Unicode.Scalar]] {
        var cleaned = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if s.value == 0 || s.value == 0xFFFD || Self.isControl(s) { continue }
            if Self.isWhitespace(s) { cleaned.append(" "); continue }
            if Self.isCJK(s) { cleaned.append(" "); cleaned.append(s); cleaned.append(" "); continue }
            cleaned.append(s)
        }
        var normalized: [Unicode.Scalar] = []
        if lowercase {
            let decomposed = String(cleaned).decomposedStringWithCanonicalMapping
            for s in decomposed.unicodeScalars where s.properties.generalCategory != .nonspacingMark {
                if s.isASCII {
                    normalized.append(s.value >= 65 && s.value <= 90 ? Unicode.Scalar(s.value + 32) ?? s : s)
                } else {
                    normalized.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars)
                }
            }
        } else {
            normalized = Array(cleaned)
        }
        var words: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        for s in normalized {
            if s.properties.isWhitespace {
                if !current.isEmpty { words.append(current); current.removeAll() }
            } else if Self.isPunctuation(s) {
                if !current.isEmpty { words.append(current); current.removeAll() }
                words.append([s])
            } else {
                current.append(s)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        s == "\t" || s == "\n" || s == "\r" || s.properties.isWhitespace
    }

    static func isControl(_ s: Unicode.Scalar) -> Bool {
        if s == "\t" || s == "\n" || s == "\r" { return false }
        switch s.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned: return true
        default: return false
        }
    }

    static func isPunctuation(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if (33...47).contains(v) || (58...64).contains(v) || (91...96).contains(v) || (123...126).contains(v) { return true }
        switch s.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }

    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
             0x2B740...0x2B81F, 0x2B820...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F: return true
        default: return false
        }
    }
}

import Foundation

/// The built-in per-candidate text features of the learned rankers (`stack`, and `pair-ranker`
/// with `features:`), each documented here and nowhere else. A feature reads one candidate's text,
/// and some read the instruction or the other candidates of the same example (consensus), so
/// features are always computed for a whole example at once (`TextFeature.values`).
///
/// Every value is a plain number before standardisation (the trainers standardise each feature
/// with the training data's mean and deviation). Counts enter as log(1 + n), so one very long
/// answer does not dominate.
public enum TextFeature: String, ParameterChoice {
    /// log(1 + characters) of the candidate.
    case length
    /// (log(1 + characters))², so a linear model can prefer a middle length.
    case lengthSquared = "length-squared"
    /// Lexical consensus: mean unigram-overlap F1 (lower-cased word tokens, clipped counts) of the
    /// candidate with each other candidate of the example; 0 for an example of one candidate.
    case consensus
    /// Embedding consensus: mean cosine of the candidate's sentence embedding with the others'
    /// (mean-pooled, normalised; the same as `mbr-embedding`). Needs the encoder.
    case consensusEmbedding = "consensus-embedding"
    /// log(1 + line breaks).
    case lines
    /// log(1 + list items): lines that start with `-`, `*`, `•` or `1.` / `1)`.
    case listItems = "list-items"
    /// log(1 + fenced code blocks) (pairs of ``` fences).
    case codeBlocks = "code-blocks"
    /// log(1 + Markdown headings and bold spans): lines starting with `#`, and `**...**` pairs.
    case markup
    /// 1 when the text holds a refusal or apology phrase ("I'm sorry", "as an AI", "I cannot"...).
    case refusal
    /// Unigram-overlap F1 of the candidate with the instruction (and input).
    case instructionOverlap = "instruction-overlap"
    /// 1 for an empty or whitespace-only answer.
    case empty

    /// The default feature set of `stack`: every feature that needs no encoder.
    public static let lexical: [TextFeature] = allCases.filter { !$0.needsEncoder }

    public var needsEncoder: Bool { self == .consensusEmbedding }

    /// `values`, stored in the context's cache (stage `features`) when there is one and no
    /// feature reads the encoder (those go through the encoder's own cache): for the rankers that
    /// ask once per pair.
    public static func cachedValues(_ features: [TextFeature], for example: Example, context: ComponentContext,
                                    encoder: SentenceEncoderChoice) async throws -> [[Double]] {
        guard !features.isEmpty else { return example.candidates.map { _ in [] } }
        guard let cache = context.cache, !features.contains(where: \.needsEncoder) else {
            return try await values(features, for: example, context: context, encoder: encoder)
        }
        let fields: JSONValue = .object(["features": .array(features.map { .string($0.rawValue) }), "version": .int(version),
                                         "example": example.keyFields([.source, .candidates])])
        return try await cache.value(stage: "features", component: "text-features", fields: fields) {
            try await values(features, for: example, context: context, encoder: encoder)
        }
    }

    /// Bumped whenever a feature's definition changes, so stored values miss.
    public static let version = 1

    /// The names for tables: `lexical` for the default set, else the names joined by `+`.
    public static func label(_ features: [TextFeature]) -> String {
        features == lexical ? "lexical" : features.map(\.rawValue).joined(separator: "+")
    }

    /// One row per candidate, one column per feature of `features`, in their order.
    public static func values(_ features: [TextFeature], for example: Example, context: ComponentContext,
                              encoder: SentenceEncoderChoice) async throws -> [[Double]] {
        let texts = example.candidates.map(\.text)
        let words = texts.map(WordBag.init)
        var consensus: [Double] = []
        if features.contains(.consensus) { consensus = WordBag.meanF1(words) }
        var embedding: [Double] = []
        if features.contains(.consensusEmbedding) {
            embedding = try await EmbeddingMBRRanker(.with { $0.model = encoder.model; $0.backend = encoder.backend }).scores(for: example, context: context)
        }
        let source = features.contains(.instructionOverlap) ? WordBag(example.source) : WordBag("")
        return texts.indices.map { i in
            features.map { f in
                switch f {
                case .length: log1p(Double(texts[i].count))
                case .lengthSquared: pow(log1p(Double(texts[i].count)), 2)
                case .consensus: consensus[i]
                case .consensusEmbedding: embedding[i]
                case .lines: log1p(Double(texts[i].reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }))
                case .listItems: log1p(Double(TextShape.listItems(texts[i])))
                case .codeBlocks: log1p(Double(TextShape.fences(texts[i]) / 2))
                case .markup: log1p(Double(TextShape.markup(texts[i])))
                case .refusal: TextShape.isRefusal(texts[i]) ? 1 : 0
                case .instructionOverlap: words[i].f1(source)
                case .empty: texts[i].allSatisfy(\.isWhitespace) ? 1 : 0
                }
            }
        }
    }
}

/// Lower-cased word tokens (letters and digits) of a text with their counts.
struct WordBag: Sendable {
    let counts: [Substring: Int]
    let total: Int

    init(_ text: String) {
        var counts: [Substring: Int] = [:]
        var total = 0
        let lower = text.lowercased()
        var start: String.Index? = nil
        var i = lower.startIndex
        while i < lower.endIndex {
            let c = lower[i]
            if c.isLetter || c.isNumber {
                if start == nil { start = i }
            } else if let s = start {
                counts[lower[s..<i], default: 0] += 1
                total += 1
                start = nil
            }
            i = lower.index(after: i)
        }
        if let s = start { counts[lower[s...], default: 0] += 1; total += 1 }
        self.counts = counts
        self.total = total
    }

    /// Unigram F1 with clipped counts; 0 when either side has no words.
    func f1(_ other: WordBag) -> Double {
        guard total > 0, other.total > 0 else { return 0 }
        let (small, large) = counts.count <= other.counts.count ? (counts, other.counts) : (other.counts, counts)
        var overlap = 0
        for (word, n) in small { overlap += min(n, large[word] ?? 0) }
        guard overlap > 0 else { return 0 }
        return 2 * Double(overlap) / Double(total + other.total)
    }

    /// Per bag, the mean F1 with every other bag (0 for a single bag).
    static func meanF1(_ bags: [WordBag]) -> [Double] {
        let n = bags.count
        guard n > 1 else { return [Double](repeating: 0, count: n) }
        var sums = [Double](repeating: 0, count: n)
        for i in 0..<n { for j in (i + 1)..<n { let f = bags[i].f1(bags[j]); sums[i] += f; sums[j] += f } }
        return sums.map { $0 / Double(n - 1) }
    }
}

/// Counts of a text's visible structure.
enum TextShape {
    static let refusalPhrases = ["i'm sorry", "i am sorry", "i apologize", "i apologise", "as an ai", "as a language model",
                                 "i cannot", "i can't", "i can not", "i am unable", "i'm unable", "i am not able", "i'm not able"]

    static func isRefusal(_ text: String) -> Bool {
        let lower = text.lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
        return refusalPhrases.contains { lower.contains($0) }
    }

    static func lines(_ text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.drop(while: { $0 == " " || $0 == "\t" }) }
    }

    static func listItems(_ text: String) -> Int {
        lines(text).reduce(0) { n, line in
            if line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("• ") { return n + 1 }
            let digits = line.prefix(while: \.isNumber)
            guard !digits.isEmpty, digits.count <= 3 else { return n }
            let rest = line.dropFirst(digits.count)
            return rest.hasPrefix(". ") || rest.hasPrefix(") ") ? n + 1 : n
        }
    }

    static func fences(_ text: String) -> Int { lines(text).reduce(0) { $0 + ($1.hasPrefix("```") ? 1 : 0) } }

    static func markup(_ text: String) -> Int {
        let headings = lines(text).reduce(0) { $0 + ($1.hasPrefix("#") ? 1 : 0) }
        return headings + text.components(separatedBy: "**").count / 2
    }
}

/// A component's list of text features (`features:`): feature names, or `lexical` for every
/// feature that needs no encoder; a name listed twice is an error.
public struct FeatureList: Codable, Sendable, Equatable {
    public var items: [TextFeature]

    public init(_ items: [TextFeature]) { self.items = items }

    public init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        var names: [String] = []
        while !c.isAtEnd { names.append(try c.decode(String.self)) }
        if names == ["lexical"] { self.init(TextFeature.lexical); return }
        let key = ParameterDecoder.path(decoder.codingPath)
        var seen = Set<TextFeature>()
        self.init(try names.map { name in
            guard let f = TextFeature(rawValue: name) else {
                throw ParameterError.invalid(key: key, message: "unknown feature '\(name)'; known features: " + TextFeature.names.joined(separator: ", "))
            }
            guard seen.insert(f).inserted else { throw ParameterError.invalid(key: key, message: "feature '\(name)' is listed twice") }
            return f
        })
    }

    public func encode(to encoder: any Encoder) throws { try items.encode(to: encoder) }
}

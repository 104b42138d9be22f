/// NLTK's `PorterStemmer` in its default NLTK_EXTENSIONS mode (nltk 3.x `nltk/stem/porter.py`),
/// as `rouge-score` uses it, on lower-case ASCII bytes. A rule list applies its first rule whose
/// suffix matches (keeping the word when that rule's condition fails), as NLTK's
/// `_apply_rule_list`. Irregular forms (`skies` -> `sky`, `dying` -> `die`, ...) come first;
/// words of at most 2 characters are returned unchanged. Deterministic.
public enum PorterStemmer {
    typealias Word = [UInt8]

    static let irregular: [Word: Word] = {
        let forms: [String: [String]] = [
            "sky": ["sky", "skies"], "die": ["dying"], "lie": ["lying"], "tie": ["tying"], "news": ["news"],
            "inning": ["innings", "inning"], "outing": ["outings", "outing"], "canning": ["cannings", "canning"],
            "howe": ["howe"], "proceed": ["proceed"], "exceed": ["exceed"], "succeed": ["succeed"],
        ]
        var pool: [Word: Word] = [:]
        for (key, values) in forms { for v in values { pool[Array(v.utf8)] = Array(key.utf8) } }
        return pool
    }()

    public static func stem(_ word: String) -> String {
        String(decoding: stem(Array(word.utf8)), as: UTF8.self)
    }

    /// Stems a lower-case ASCII word.
    public static func stem(_ word: [UInt8]) -> [UInt8] {
        if let form = irregular[word] { return form }
        if word.count <= 2 { return word }
        var w = step1a(word)
        w = step1b(w)
        w = applyRules(w, [Rule("y", "i") { s in s.count > 1 && isConsonant(s, s.count - 1) }])
        w = step2(w)
        w = applyRules(w, step3Rules)
        w = applyRules(w, step4Rules)
        w = step5a(w)
        let beforeL = w
        w = applyRules(w, [Rule("ll", "l") { _ in measure(Array(beforeL.dropLast())) > 1 }])
        return w
    }

    struct Rule: Sendable {
        var suffix: Word
        var replacement: Word
        var condition: (@Sendable (Word) -> Bool)?
        /// NLTK's "*d" pseudo-suffix: the word ends in a double consonant.
        var doubleConsonant = false

        init(_ suffix: String, _ replacement: String, _ condition: (@Sendable (Word) -> Bool)? = nil) {
            self.suffix = Array(suffix.utf8)
            self.replacement = Array(replacement.utf8)
            self.condition = condition
        }
    }

    static func isVowel(_ c: UInt8) -> Bool { c == 0x61 || c == 0x65 || c == 0x69 || c == 0x6F || c == 0x75 }

    /// NLTK's `_is_consonant`: not a vowel; `y` is a consonant iff the letter before it is not
    /// (a leading `y` is a consonant).
    static func isConsonant(_ w: Word, _ i: Int) -> Bool {
        if isVowel(w[i]) { return false }
        if w[i] == 0x79 { return i == 0 ? true : !isConsonant(w, i - 1) }
        return true
    }

    /// m in [C](VC)^m[V]: the number of vowel-to-consonant transitions.
    static func measure(_ w: Word) -> Int {
        var m = 0
        var previousVowel = false
        for i in w.indices {
            let consonant = isConsonant(w, i)
            if consonant && previousVowel { m += 1 }
            previousVowel = !consonant
        }
        return m
    }

    static func containsVowel(_ w: Word) -> Bool { w.indices.contains { !isConsonant(w, $0) } }

    static func endsDoubleConsonant(_ w: Word) -> Bool {
        w.count >= 2 && w[w.count - 1] == w[w.count - 2] && isConsonant(w, w.count - 1)
    }

    static func endsCVC(_ w: Word) -> Bool {
        let n = w.count
        if n >= 3 && isConsonant(w, n - 3) && !isConsonant(w, n - 2) && isConsonant(w, n - 1)
            && w[n - 1] != 0x77 && w[n - 1] != 0x78 && w[n - 1] != 0x79 { return true }
        return n == 2 && !isConsonant(w, 0) && isConsonant(w, 1)
    }

    static func endsWith(_ w: Word, _ suffix: Word) -> Bool {
        w.count >= suffix.count && w[(w.count - suffix.count)...].elementsEqual(suffix)
    }

    static func applyRules(_ w: Word, _ rules: [Rule]) -> Word {
        for rule in rules {
            if rule.doubleConsonant {
                guard endsDoubleConsonant(w) else { continue }
                let stem = Array(w.dropLast(2))
                return rule.condition.map { $0(stem) } ?? true ? stem + rule.replacement : w
            }
            if endsWith(w, rule.suffix) {
                let stem = Array(w.dropLast(rule.suffix.count))
                return rule.condition.map { $0(stem) } ?? true ? stem + rule.replacement : w
            }
        }
        return w
    }

    static func step1a(_ w: Word) -> Word {
        if w.count == 4 && endsWith(w, Array("ies".utf8)) { return Array(w.dropLast(3)) + Array("ie".utf8) }
        return applyRules(w, [Rule("sses", "ss"), Rule("ies", "i"), Rule("ss", "ss"), Rule("s", "")])
    }

    static func step1b(_ w: Word) -> Word {
        if endsWith(w, Array("ied".utf8)) { return Array(w.dropLast(3)) + Array((w.count == 4 ? "ie" : "i").utf8) }
        if endsWith(w, Array("eed".utf8)) {
            let stem = Array(w.dropLast(3))
            return measure(stem) > 0 ? stem + Array("ee".utf8) : w
        }
        var intermediate: Word?
        for suffix in ["ed", "ing"] where endsWith(w, Array(suffix.utf8)) {
            let stem = Array(w.dropLast(suffix.utf8.count))
            if containsVowel(stem) { intermediate = stem; break }
        }
        guard let stem = intermediate, let last = stem.last else { return intermediate ?? w }
        var double = Rule("", String(UnicodeScalar(last))) { _ in last != 0x6C && last != 0x73 && last != 0x7A }
        double.doubleConsonant = true
        return applyRules(stem, [
            Rule("at", "ate"), Rule("bl", "ble"), Rule("iz", "ize"), double,
            Rule("", "e") { s in measure(s) == 1 && endsCVC(s) },
        ])
    }

    static func step2(_ w: Word) -> Word {
        let alli = Array("alli".utf8)
        if endsWith(w, alli) && measure(Array(w.dropLast(4))) > 0 {
            return step2(Array(w.dropLast(4)) + Array("al".utf8))
        }
        let positive: @Sendable (Word) -> Bool = { measure($0) > 0 }
        let pairs: [(String, String)] = [
            ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
            ("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"),
            ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"),
            ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"), ("fulli", "ful"),
        ]
        var rules = pairs.map { Rule($0.0, $0.1, positive) }
        rules.append(Rule("logi", "log") { _ in measure(Array(w.dropLast(3))) > 0 })
        return applyRules(w, rules)
    }

    static let step3Rules: [Rule] = [("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"),
                                     ("ful", ""), ("ness", "")].map { Rule($0.0, $0.1) { measure($0) > 0 } }

    static let step4Rules: [Rule] = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion",
                                     "ou", "ism", "ate", "iti", "ous", "ive", "ize"].map { suffix in
        suffix == "ion"
            ? Rule(suffix, "") { s in measure(s) > 1 && (s.last == 0x73 || s.last == 0x74) }
            : Rule(suffix, "") { measure($0) > 1 }
    }

    static func step5a(_ w: Word) -> Word {
        guard w.last == 0x65 else { return w }
        let stem = Array(w.dropLast())
        if measure(stem) > 1 { return stem }
        if measure(stem) == 1 && !endsCVC(stem) { return stem }
        return w
    }
}

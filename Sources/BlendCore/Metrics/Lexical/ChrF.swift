/// chrF exactly as sacreBLEU 2.x's `CHRF()` defaults: character order 6, word order 0, beta 2,
/// case-sensitive, whitespace removed, no epsilon smoothing (effective-order averaging).
///
/// The line's Python whitespace is removed and its Unicode scalars (Python code points) form
/// character n-grams, n = 1...6. Per order: `hyp` = hypothesis n-grams (0 when the reference has
/// none of that order), `ref` = reference n-grams, `matches` = clipped matches
/// sum_g min(c_hyp(g), c_ref(g)). Corpus chrF sums these over segments. Then, over the orders
/// with hyp > 0 and ref > 0 (the effective orders), P = mean of matches/hyp and R = mean of
/// matches/ref (summed in order n = 1...6), and
///
///     chrF = 100 * (1 + beta^2) * P * R / (beta^2 * P + R),  or 0 when P + R = 0
///
/// (no effective order gives P = R = 0, so 0). Deterministic.
public struct ChrFStatistics: Sendable, Hashable {
    public static let charOrder = 6
    public static let beta = 2
    /// Per order n = 1...6: (hyp, ref, matches).
    public var orders: [NGramCounts]

    public init() { orders = Array(repeating: NGramCounts(hyp: 0, ref: 0, matches: 0), count: Self.charOrder) }

    public init(hypothesis: String, reference: String) {
        self.init(hypothesis: hypothesis, reference: Reference(reference))
    }

    /// The statistics of a hypothesis against a prepared reference.
    public init(hypothesis: String, reference: Reference) {
        orders = reference.ngrams.counts(hypothesis: reference.scalars.existingIDs(Self.scalars(hypothesis))).map { c in
            var c = c
            if c.ref == 0 { c.hyp = 0 }
            return c
        }
    }

    /// A reference's scalars with dense ids and their n-gram counts, reusable across hypotheses.
    /// A pair rarely has more than a few hundred distinct scalars, so six of them pack into one
    /// 64-bit key and every order goes through the pruned matcher.
    public struct Reference: Sendable {
        var scalars = DenseScalars()
        var ngrams: NGramReference

        public init(_ text: String) {
            let ids = scalars.ids(ChrFStatistics.scalars(text))
            ngrams = NGramReference(ids: ids, alphabet: scalars.count, maxOrder: ChrFStatistics.charOrder)
        }
    }

    /// Numbers the distinct scalars of a reference 0, 1, ... in order of first occurrence.
    struct DenseScalars: Sendable {
        private var ascii = [Int32](repeating: -1, count: 128)
        private var other: [UInt32: UInt32] = [:]
        private(set) var count = 0

        mutating func ids(_ scalars: [UInt32]) -> [UInt32] {
            var out = [UInt32](repeating: 0, count: scalars.count)
            for (i, v) in scalars.enumerated() {
                if v < 128 {
                    if ascii[Int(v)] < 0 { ascii[Int(v)] = Int32(count); count += 1 }
                    out[i] = UInt32(ascii[Int(v)])
                } else if let id = other[v] {
                    out[i] = id
                } else {
                    other[v] = UInt32(count)
                    out[i] = UInt32(count)
                    count += 1
                }
            }
            return out
        }

        /// The ids of scalars already numbered, `NGramReference.absent` for the others.
        func existingIDs(_ scalars: [UInt32]) -> [Int32] {
            scalars.map { v in
                if v < 128 { return ascii[Int(v)] }
                return other[v].map { Int32($0) } ?? NGramReference.absent
            }
        }
    }

    /// Unicode scalars of `text` without Python whitespace (`''.join(text.split())`).
    static func scalars(_ text: String) -> [UInt32] {
        var out = [UInt32]()
        out.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars where !isPythonWhitespace(s.value) { out.append(s.value) }
        return out
    }

    @inline(__always) static func isPythonWhitespace(_ v: UInt32) -> Bool {
        if v < 0x80 { return (v >= 0x09 && v <= 0x0D) || (v >= 0x1C && v <= 0x20) }
        return v == 0x85 || v == 0xA0 || v == 0x1680 || (v >= 0x2000 && v <= 0x200A) || v == 0x2028 || v == 0x2029
            || v == 0x202F || v == 0x205F || v == 0x3000
    }

    public static func += (a: inout ChrFStatistics, b: ChrFStatistics) {
        for i in a.orders.indices {
            a.orders[i].hyp += b.orders[i].hyp
            a.orders[i].ref += b.orders[i].ref
            a.orders[i].matches += b.orders[i].matches
        }
    }

    /// chrF on 0-100 (see the type's comment).
    public var score: Double {
        let factor = Double(Self.beta * Self.beta)
        var avgPrecision = 0.0, avgRecall = 0.0
        var effective = 0
        for c in orders where c.hyp > 0 && c.ref > 0 {
            avgPrecision += Double(c.matches) / Double(c.hyp)
            avgRecall += Double(c.matches) / Double(c.ref)
            effective += 1
        }
        if effective == 0 { return 0 }
        avgPrecision /= Double(effective)
        avgRecall /= Double(effective)
        guard avgPrecision + avgRecall != 0 else { return 0 }
        var score = (1 + factor) * avgPrecision * avgRecall
        score /= (factor * avgPrecision) + avgRecall
        return 100 * score
    }
}

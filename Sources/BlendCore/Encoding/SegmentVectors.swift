import Foundation

/// How many tokens each segment of a cross-encoded input keeps (special tokens not counted).
public struct SegmentTokens: Sendable, Hashable, Codable {
    public var source: Int
    public var candidate: Int

    public init(source: Int, candidate: Int) {
        self.source = source
        self.candidate = candidate
    }

    public var json: JSONValue { .object(["source": .int(source), "candidate": .int(candidate)]) }
}

/// The pooled segment vectors of one cross-encoded input: `[CLS] source [SEP] a [SEP] b [SEP]`
/// (a pair, the PairRanker's input) or `[CLS] source [SEP] a [SEP]` (one candidate, the
/// SummaReranker's input). Each is the mean of the segment's final hidden states; `b` is empty
/// for a one-candidate input.
public struct SegmentVectors: Sendable, Hashable, Codable {
    public var source: [Float]
    public var a: [Float]
    public var b: [Float]

    public init(source: [Float], a: [Float], b: [Float] = []) {
        self.source = source
        self.a = a
        self.b = b
    }

    /// The vectors rounded to bfloat16 (the top 16 bits of each float), the precision they are
    /// stored at: a cold run rounds the same way as a cached one, so both give identical scores.
    public var rounded: SegmentVectors {
        SegmentVectors(source: Self.round(source), a: Self.round(a), b: Self.round(b))
    }

    static func round(_ v: [Float]) -> [Float] {
        v.map { x in
            let bits = x.bitPattern
            // Round to nearest even on the dropped 16 bits.
            let rounded = bits &+ 0x7FFF &+ ((bits >> 16) & 1)
            return Float(bitPattern: rounded & 0xFFFF_0000)
        }
    }
}

/// `SegmentVectors` stored compactly: the bfloat16 halves of every float, base64 in JSON
/// (about 3 KB for three 384-float vectors instead of about 12 KB as JSON numbers).
public struct PackedSegmentVectors: Codable, Sendable {
    public var dimension: Int
    public var segments: Int
    public var data: String

    public init(_ v: SegmentVectors) {
        let all = v.source + v.a + v.b
        var bytes: [UInt8] = []
        bytes.reserveCapacity(all.count * 2)
        for x in SegmentVectors.round(all) {
            let top = UInt16(x.bitPattern >> 16)
            bytes.append(UInt8(top >> 8))
            bytes.append(UInt8(top & 0xFF))
        }
        dimension = v.source.count
        segments = v.b.isEmpty ? 2 : 3
        data = Data(bytes).base64EncodedString()
    }

    public var vectors: SegmentVectors? {
        guard let decoded = Data(base64Encoded: data) else { return nil }
        let bytes = [UInt8](decoded)
        guard bytes.count == dimension * segments * 2 else { return nil }
        var floats: [Float] = []
        floats.reserveCapacity(dimension * segments)
        var k = 0
        while k < bytes.count {
            floats.append(Float(bitPattern: (UInt32(bytes[k]) << 24) | (UInt32(bytes[k + 1]) << 16)))
            k += 2
        }
        let d = dimension
        return SegmentVectors(source: Array(floats[0..<d]), a: Array(floats[d..<(2 * d)]),
                              b: segments == 3 ? Array(floats[(2 * d)..<(3 * d)]) : [])
    }
}

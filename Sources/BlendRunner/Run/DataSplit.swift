import BlendCore

/// Splits examples into named parts by the hash of their source text, never by row order, so an
/// example stays in its part whatever else the file holds. The position of an example is the first
/// 8 bytes of SHA-256(instruction + input) read as a fraction of 2^64; part i takes the positions
/// in [f_0 + ... + f_(i-1), f_0 + ... + f_i).
public enum DataSplit {
    public static func position(of example: Example) -> Double {
        let digest = SHA256.digest(Array(example.source.utf8))
        let word = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Double(word >> 11) * 0x1.0p-53
    }

    /// The name of the part `example` falls in.
    public static func part(of example: Example, parts: [(name: String, fraction: Double)]) -> String {
        let p = position(of: example)
        var upper = 0.0
        for part in parts {
            upper += part.fraction
            if p < upper { return part.name }
        }
        return parts.last?.name ?? "all"
    }
}

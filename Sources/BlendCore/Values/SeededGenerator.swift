/// A seeded random number generator (SplitMix64). Every random choice in blendlab takes one
/// explicitly, so a run is reproducible from its seed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for one named purpose: the seed mixed with the purpose's hash, so two uses
    /// of one experiment seed (say, two examples) get independent streams.
    public init(seed: UInt64, purpose: String) {
        let digest = SHA256.digest(Array(purpose.utf8))
        var mixed = seed
        for byte in digest.prefix(8) { mixed = mixed &* 0x100000001b3 ^ UInt64(byte) }
        state = mixed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9e3779b97f4a7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58476d1ce4e5b9
        z = (z ^ (z >> 27)) &* 0x94d049bb133111eb
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}

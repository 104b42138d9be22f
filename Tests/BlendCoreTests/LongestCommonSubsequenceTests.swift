import Testing
@testable import BlendCore

struct LongestCommonSubsequenceTests {
    /// The textbook dynamic program, to check the bit-parallel length against.
    func dynamicProgramming(_ a: [UInt32], _ b: [UInt32]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var t = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 1...a.count {
            for j in 1...b.count {
                t[i][j] = a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 : max(t[i - 1][j], t[i][j - 1])
            }
        }
        return t[a.count][b.count]
    }

    @Test func handWorked() {
        // "ABCBDAB" vs "BDCABA": LCS length 4 (e.g. BCBA).
        let a: [UInt32] = [0, 1, 2, 1, 3, 0, 1], b: [UInt32] = [1, 3, 2, 0, 1, 0]
        #expect(LongestCommonSubsequence.length(a, b, alphabet: 4) == 4)
        #expect(LongestCommonSubsequence.indices(a, b).count == 4)
    }

    /// Lengths across word boundaries (64, 65, 130 symbols) agree with the dynamic program.
    @Test(arguments: [1, 7, 63, 64, 65, 130, 200])
    func bitParallelEqualsDynamicProgramming(length: Int) {
        var rng = SeededGenerator(seed: UInt64(length))
        for alphabet in [2, 5, 40] {
            let a = (0..<length).map { _ in UInt32(rng.next() % UInt64(alphabet)) }
            let b = (0..<(length / 2 + 3)).map { _ in UInt32(rng.next() % UInt64(alphabet)) }
            let expected = dynamicProgramming(a, b)
            #expect(LongestCommonSubsequence.length(a, b, alphabet: alphabet) == expected)
            #expect(LongestCommonSubsequence.length(b, a, alphabet: alphabet) == expected)
            #expect(LongestCommonSubsequence.indices(a, b).count == expected)
        }
    }

    @Test func emptyInput() {
        #expect(LongestCommonSubsequence.length([], [1], alphabet: 2) == 0)
        #expect(LongestCommonSubsequence.indices([1], []).isEmpty)
    }
}

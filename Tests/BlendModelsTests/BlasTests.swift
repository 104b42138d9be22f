import Testing
@testable import BlendModels

@Test func partitionCutsContiguousRangesOfAboutEqualTokens() {
    let lengths = [256, 200, 150, 150, 100, 40, 10, 3]
    for parts in 1...9 {
        let ranges = Blas.partition(lengths, into: parts)
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == lengths.count)
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        #expect(ranges.allSatisfy { !$0.isEmpty } && ranges.count == min(parts, lengths.count))
    }
    let halves = Blas.partition(lengths, into: 2).map { $0.reduce(0) { $0 + lengths[$1] } }
    #expect(halves == [456, 453])
    #expect(Blas.partition([5], into: 4) == [0..<1])
}

/// A batch split over workers gives each sequence the states it gets in one single-threaded pass.
@Test func aBatchSplitOverWorkersEqualsOnePass() throws {
    let model = try RealModel.load()
    let texts = sentences + ["Short.", String(repeating: "A longer text about ensembles of language models. ", count: 12)]
    let ids = texts.map { model.tokenizer.encode($0, maxLength: 256) }
    let lengths = ids.map(\.count), h = model.config.hiddenSize
    let one = model.encoder.forward(ids, types: nil, layer: model.config.layers)
    for workers in [2, 3, 5] {
        let split = Blas.packed(lengths: lengths, width: h, workers: workers) { group in
            model.encoder.forward(Array(ids[group]), types: nil, layer: model.config.layers)
        }
        #expect(split.count == one.count)
        #expect(maxAbsDifference(split, one) < 1e-5)
    }
}

@Test func kernelOverrideReplacesOnlyAFallbackBelowTheCPU() {
    let avx512: Set<String> = ["sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"]
    // OpenBLAS 0.3.21 on a CPU it does not know: its generic kernels.
    #expect(Blas.kernelOverride(chosen: "Prescott", environment: [:], cpuFlags: avx512) == "SkylakeX")
    #expect(Blas.kernelOverride(chosen: "Prescott", environment: [:], cpuFlags: avx512.union(["avx512_bf16"])) == "Cooperlake")
    #expect(Blas.kernelOverride(chosen: "Nehalem", environment: [:], cpuFlags: ["avx", "avx2", "fma"]) == "Haswell")
    // A user's choice, a modern choice, and a CPU without AVX2 are left alone.
    #expect(Blas.kernelOverride(chosen: "Prescott", environment: ["OPENBLAS_CORETYPE": "Prescott"], cpuFlags: avx512) == nil)
    #expect(Blas.kernelOverride(chosen: "Haswell", environment: [:], cpuFlags: avx512) == nil)
    #expect(Blas.kernelOverride(chosen: "Cooperlake", environment: [:], cpuFlags: avx512) == nil)
    #expect(Blas.kernelOverride(chosen: "Prescott", environment: [:], cpuFlags: ["sse3", "avx"]) == nil)
    #expect(Blas.kernelOverride(chosen: "Prescott", environment: [:], cpuFlags: []) == nil)
}

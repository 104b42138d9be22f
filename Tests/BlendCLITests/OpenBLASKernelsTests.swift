import Foundation
import Testing

/// The kernels `blendlab embed` reports it ran ("..., OpenBLAS <name> kernels"), with
/// OPENBLAS_CORETYPE set to `coretype` or removed.
private func embedKernels(coretype: String?) throws -> String {
    let dir = try scratch()
    let input = dir + "/texts.jsonl"
    try Data(#"{"id": 1, "text": "Which kernels multiply these matrices?"}"#.utf8 + [0x0A]).write(to: URL(fileURLWithPath: input))
    var environment = ProcessInfo.processInfo.environment
    environment["OPENBLAS_CORETYPE"] = coretype
    let result = try blendlab(["embed", "--input", input], environment: environment)
    #expect(result.status == 0, "\(result.err)")
    guard let range = result.err.range(of: #"OpenBLAS (\S+) kernels"#, options: .regularExpression) else {
        Issue.record("no kernel name in: \(result.err)")
        return ""
    }
    return String(result.err[range].split(separator: " ")[1])
}

@Test("OpenBLAS kernels: a user's OPENBLAS_CORETYPE is kept; on a CPU with AVX2 and FMA the pre-AVX2 fallback is never run")
func openBLASKernelChoice() throws {
    #expect(try embedKernels(coretype: "Prescott") == "Prescott")
    let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let flags = Set(info.split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ").map(String.init) ?? [])
    guard flags.isSuperset(of: ["avx2", "fma"]) else { return }
    let chosen = try embedKernels(coretype: nil)
    #expect(["Haswell", "Zen", "SkylakeX", "Cooperlake", "SapphireRapids", "Excavator"].contains(chosen), "ran \(chosen)")
    if flags.isSuperset(of: ["avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"]) {
        #expect(chosen != "Haswell" && chosen != "Zen", "an AVX-512 CPU ran \(chosen)")
    }
}

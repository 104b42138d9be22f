import Foundation

/// Which OpenBLAS kernels a process runs, and the fix for CPUs newer than the library.
///
/// OpenBLAS picks its kernels for the CPU when it loads, from the CPU's model number. Debian 12's
/// 0.3.21 does not know recent Intel server parts and falls back to its generic `Prescott`
/// (SSE3) kernels on them, although the CPU has AVX-512: measured on a 2-core Xeon with
/// AVX-512, `blendlab embed` of 300 texts ran at 29 texts/s on Prescott against 114 on SkylakeX
/// (67 on Haswell), so every encoder pass was 3.9x slower than the hardware allows.
/// `OPENBLAS_CORETYPE` overrides the choice, but only when the library loads, which is before
/// `main`; so `chooseKernels()` sets it and re-executes the process once.
extension Blas {
    /// Kernels that use AVX2 and FMA (or more); any other choice on a CPU that has them is
    /// OpenBLAS not recognising the CPU.
    static let modernKernels: Set<String> = ["Haswell", "Zen", "SkylakeX", "Cooperlake", "SapphireRapids", "Excavator"]

    /// The `OPENBLAS_CORETYPE` to run with, or nil to keep OpenBLAS's choice: nil when the user
    /// set the variable, when OpenBLAS chose kernels that use AVX2 or more, or when the CPU lacks
    /// AVX2/FMA. Otherwise the best kernels the CPU's flags (as /proc/cpuinfo lists them) allow.
    static func kernelOverride(chosen: String, environment: [String: String], cpuFlags readFlags: @autoclosure () -> Set<String>) -> String? {
        guard environment["OPENBLAS_CORETYPE"] == nil, !modernKernels.contains(chosen) else { return nil }
        // Read only when OpenBLAS's choice is in doubt (/proc/cpuinfo costs a file read per start).
        let cpuFlags = readFlags()
        guard cpuFlags.isSuperset(of: ["avx2", "fma"]) else { return nil }
        guard cpuFlags.isSuperset(of: ["avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"]) else { return "Haswell" }
        return cpuFlags.contains("avx512_bf16") ? "Cooperlake" : "SkylakeX"
    }

    /// The first `flags` line of /proc/cpuinfo, as a set (empty where there is none).
    static func cpuFlags() -> Set<String> {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }

    /// Call first thing in `main`: if OpenBLAS fell back to kernels below what the CPU supports
    /// (see `kernelOverride`), sets `OPENBLAS_CORETYPE` and executes this program again with the
    /// same arguments (once: the new process finds the variable set). Costs one process start
    /// (about 15 ms), and only on such CPUs. If the exec fails, the process goes on as it is.
    public static func chooseKernels() {
        guard let coretype = kernelOverride(chosen: kernels, environment: ProcessInfo.processInfo.environment, cpuFlags: cpuFlags()) else { return }
        setenv("OPENBLAS_CORETYPE", coretype, 1)
        let arguments = CommandLine.arguments
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        execv("/proc/self/exe", argv)
        unsetenv("OPENBLAS_CORETYPE")
    }
}

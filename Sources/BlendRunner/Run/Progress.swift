import Foundation

/// Progress of one stage on standard error: a bar with rate and ETA on a terminal, a few plain
/// lines otherwise (so logs stay readable).
public final class Progress: @unchecked Sendable {
    private let lock = NSLock()
    private let label: String
    private let total: Int
    private var done = 0
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var lastQuarter = 0
    private let terminal: Bool
    private let quiet: Bool

    public init(label: String, total: Int, quiet: Bool = false) {
        self.label = label
        self.total = total
        self.quiet = quiet
        terminal = isatty(2) == 1
    }

    public func advance(by n: Int = 1) {
        lock.lock()
        defer { lock.unlock() }
        done += n
        guard !quiet, total > 0 else { return }
        if terminal {
            if Date().timeIntervalSince(lastDraw) > 0.1 || done == total { draw(); lastDraw = Date() }
        } else {
            let quarter = done * 4 / total
            // Plain lines only for stages slow enough to need them.
            if quarter > lastQuarter, done < total, Date().timeIntervalSince(start) > 2 {
                lastQuarter = quarter
                FileHandle.standardError.write(Data("  \(label): \(done)/\(total) (\(rateText()))\n".utf8))
            }
        }
    }

    public func finish(_ summary: String) {
        lock.lock()
        defer { lock.unlock() }
        guard !quiet else { return }
        let prefix = terminal ? "\r\u{1B}[2K" : ""
        FileHandle.standardError.write(Data("\(prefix)  \(label): \(summary)\n".utf8))
    }

    private func rateText() -> String {
        let elapsed = max(Date().timeIntervalSince(start), 1e-6)
        let rate = Double(done) / elapsed
        let eta = rate > 0 ? Double(total - done) / rate : 0
        return String(format: "%.1f/s, ETA %.0fs", rate, eta)
    }

    private func draw() {
        let width = 24
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r\u{1B}[2K  \(label) [\(bar)] \(done)/\(total) \(rateText())".utf8))
    }
}

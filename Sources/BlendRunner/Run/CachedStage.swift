import BlendCore
import BlendStore
import Foundation

/// The outcome of one cached stage: a value per item, and what came from the cache.
struct StageOutcome<Value: Sendable>: Sendable {
    var values: [Value]
    var hits: Int
    var misses: [CacheKey]
    var seconds: Double
}

/// Cache-or-compute for one stage: looks every key up, computes the misses with at most
/// `concurrency` at a time, and stores results in small transactions as they arrive, so a crash
/// or an error loses at most the last batch. Output order follows `keys`, whatever order the
/// work finishes in.
enum CachedStage {
    /// `alreadyCached`: items the caller found stored by other means (a compare stage's stored
    /// matrices), counted as hits and in the progress line.
    static func run<Value: Codable & Sendable>(
        label: String, keys: [CacheKey], store: CacheStore, concurrency: Int, quiet: Bool, alreadyCached: Int = 0,
        compute: @escaping @Sendable (Int) async throws -> Value
    ) async throws -> StageOutcome<Value> {
        let start = Date()
        let cached = try store.values(for: keys)
        var values = [Value?](repeating: nil, count: keys.count)
        var missing: [Int] = []
        let decoder = JSONDecoder()
        for (i, key) in keys.enumerated() {
            if let data = cached[key.digest], let value = try? decoder.decode(Value.self, from: data) {
                values[i] = value
            } else {
                missing.append(i)
            }
        }
        let progress = Progress(label: label, total: missing.count, quiet: quiet)
        var pending: [(key: CacheKey, value: Data)] = []
        var lastFlush = Date()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        do {
            try await withThrowingTaskGroup(of: (Int, Value).self) { group in
                var next = 0
                func submit() {
                    guard next < missing.count else { return }
                    let index = missing[next]
                    next += 1
                    group.addTask { (index, try await compute(index)) }
                }
                for _ in 0..<min(concurrency, missing.count) { submit() }
                while let (index, value) = try await group.next() {
                    values[index] = value
                    pending.append((keys[index], try encoder.encode(value)))
                    progress.advance()
                    if pending.count >= 256 || Date().timeIntervalSince(lastFlush) > 1 {
                        try store.store(pending)
                        pending.removeAll()
                        lastFlush = Date()
                    }
                    submit()
                }
            }
        } catch {
            try? store.store(pending)
            throw error
        }
        try store.store(pending)
        let seconds = Date().timeIntervalSince(start)
        if !quiet {
            let total = keys.count + alreadyCached
            let what = missing.isEmpty ? "all \(total) from the cache" : "\(total - missing.count) cached, \(missing.count) computed"
            progress.finish(what + String(format: " (%.2fs)", seconds))
        }
        let complete = values.compactMap { $0 }
        guard complete.count == keys.count else {
            throw RunnerError.componentFailed(component: label, example: "?", reason: "\(keys.count - complete.count) items produced no value")
        }
        return StageOutcome(values: complete, hits: keys.count - missing.count,
                            misses: missing.map { keys[$0] }, seconds: seconds)
    }
}

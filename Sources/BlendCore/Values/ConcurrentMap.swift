/// Maps `items` with at most `width` transforms running at once and returns the results in
/// the items' order (so the outcome does not depend on `width`). The first error cancels the rest.
public func concurrentMap<T: Sendable, R: Sendable>(_ items: [T], width: Int,
                                                   _ transform: @escaping @Sendable (T) async throws -> R) async throws -> [R] {
    guard width > 1, items.count > 1 else {
        var out: [R] = []
        out.reserveCapacity(items.count)
        for item in items { out.append(try await transform(item)) }
        return out
    }
    return try await withThrowingTaskGroup(of: (Int, R).self) { group in
        var results = [R?](repeating: nil, count: items.count)
        var next = 0
        for _ in 0..<min(width, items.count) {
            let i = next, item = items[i]
            group.addTask { (i, try await transform(item)) }
            next += 1
        }
        while let (i, r) = try await group.next() {
            results[i] = r
            if next < items.count {
                let j = next, item = items[j]
                group.addTask { (j, try await transform(item)) }
                next += 1
            }
        }
        return results.map { $0! }
    }
}

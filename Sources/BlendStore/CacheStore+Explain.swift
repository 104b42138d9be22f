import BlendCore
import Foundation
import GRDB

/// Why a key missed: the key fields in which it differs from the nearest entry of the same
/// stage and component that was cached before the run started.
public struct MissExplanation: Sendable, Hashable {
    public var stage: String
    public var component: String
    /// Dotted key paths (`params.seed`, `example.content`); empty when nothing comparable existed.
    public var differingFields: [String]
    /// How many of the run's misses share this explanation.
    public var count: Int
}

extension CacheStore {
    /// Explains the misses of the most recent run of `experiment`, grouped by stage, component
    /// and differing fields, most frequent first. Nil when the experiment never ran on this cache.
    public func explain(experiment: String) throws -> [MissExplanation]? {
        try read { db in
            guard let run = try Row.fetchOne(db, sql: "SELECT id, started_at FROM run WHERE experiment = ? ORDER BY id DESC LIMIT 1",
                                             arguments: [experiment]) else { return nil }
            let runID: Int64 = run["id"]
            let startedAt: Double = run["started_at"]
            let misses = try Row.fetchAll(db, sql: "SELECT stage, component, fields FROM run_miss WHERE run_id = ?", arguments: [runID])
            var groups: [MissExplanation: Int] = [:]
            var neighbourhoods: [String: Neighbourhood] = [:]
            for miss in misses {
                let stage: String = miss["stage"], component: String = miss["component"], fields: String = miss["fields"]
                let group = stage + "\u{1}" + component
                if neighbourhoods[group] == nil {
                    let texts = try String.fetchAll(db, sql: """
                        SELECT fields FROM cache_entry WHERE stage = ? AND component = ? AND created_at < ?
                        """, arguments: [stage, component, startedAt])
                    neighbourhoods[group] = Neighbourhood(texts)
                }
                let differing = neighbourhoods[group]!.differingFields(fields)
                groups[MissExplanation(stage: stage, component: component, differingFields: differing, count: 0), default: 0] += 1
            }
            return groups.map { key, count in
                var e = key
                e.count = count
                return e
            }.sorted { ($0.count, $1.stage, $1.component) > ($1.count, $0.stage, $0.component) }
        }
    }
}

/// The cached keys of one stage and component, indexed so that a key differing in one field is
/// found without comparing against every entry.
struct Neighbourhood {
    private var leaves: [[String: String]] = []
    private var full: Set<String> = []
    private var dropped: [String: String] = [:]   // hash of leaves minus one path -> that path

    init(_ texts: [String]) {
        for text in texts {
            guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else { continue }
            let map = Dictionary(value.leaves().map { ($0.path, $0.value) }, uniquingKeysWith: { a, _ in a })
            leaves.append(map)
            full.insert(Self.signature(map, without: nil))
            for path in map.keys { dropped[Self.signature(map, without: path)] = path }
        }
    }

    /// The fields in which `text` differs from its nearest neighbour, or [] if there is none.
    func differingFields(_ text: String) -> [String] {
        guard !leaves.isEmpty,
              let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else { return [] }
        let map = Dictionary(value.leaves().map { ($0.path, $0.value) }, uniquingKeysWith: { a, _ in a })
        if let p = dropped[Self.signature(map, without: nil)] { return [p] }          // a field was removed
        for path in map.keys.sorted() {
            let sig = Self.signature(map, without: path)
            if full.contains(sig) { return [path] }                                  // a field was added
            if dropped[sig] == path { return [path] }                                // one field changed
        }
        var best: [String] = []
        var bestCount = Int.max
        for other in leaves.prefix(500) {
            let paths = Set(map.keys).union(other.keys).filter { map[$0] != other[$0] }.sorted()
            if paths.count < bestCount { best = paths; bestCount = paths.count }
        }
        return best
    }

    private static func signature(_ map: [String: String], without: String?) -> String {
        map.keys.sorted().filter { $0 != without }.map { $0 + "=" + map[$0]! }.joined(separator: "\u{1}")
    }
}

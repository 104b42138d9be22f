import Foundation
import GRDB

/// What merging one source cache into a cache did.
public struct MergeOutcome: Sendable {
    /// An entry whose key the destination holds with a different value: a sign of a
    /// non-deterministic component or of a component changed between the runs. Never copied.
    public struct Conflict: Sendable, Hashable {
        public var key: String
        public var stage: String
        public var component: String
        /// The key's canonical JSON, as stored.
        public var fields: String

        public init(key: String, stage: String, component: String, fields: String) {
            self.key = key
            self.stage = stage
            self.component = component
            self.fields = fields
        }
    }

    public var source: String
    /// Entries in the source.
    public var entries: Int = 0
    /// Entries the destination did not have, now copied.
    public var copied: Int = 0
    /// Entries the destination already had with the same value.
    public var present: Int = 0
    public var conflicts: [Conflict] = []
}

extension CacheStore {
    /// Copies the entries of the cache at `source` that this cache lacks, in transactions of
    /// `batch` entries (their stage, component, key fields and creation time as stored). First
    /// the source must pass `PRAGMA integrity_check` and hold a cache table; otherwise it is
    /// refused (`StoreError.refusedSource`) and nothing is copied from it. An entry present here
    /// with the same value is left alone, so merging twice changes nothing; one present with a
    /// different value is reported in `conflicts` and left as it is here. Only cache entries
    /// move: the run index (`cache stats`, `cache explain`) stays with each file.
    public func merge(from source: String, batch: Int = 500) throws -> MergeOutcome {
        let queue = try Self.openSource(source, destination: path)
        var outcome = MergeOutcome(source: source)
        var after = ""
        while true {
            let rows: [Row]
            do {
                rows = try queue.read { db in
                    try Row.fetchAll(db, sql: """
                        SELECT key, stage, component, fields, value, created_at FROM cache_entry WHERE key > ? ORDER BY key LIMIT ?
                        """, arguments: [after, batch])
                }
            } catch {
                throw StoreError.corrupt(path: source, reason: "reading failed after \(outcome.copied) of its entries were merged "
                                         + "(\(error)); those are sound, and merging a repaired copy again is safe")
            }
            guard let last = rows.last else { break }
            after = last["key"]
            outcome.entries += rows.count
            try write { db in
                let keys: [String] = rows.map { $0["key"] }
                let marks = Array(repeating: "?", count: keys.count).joined(separator: ",")
                var existing: [String: Data] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT key, value FROM cache_entry WHERE key IN (\(marks))",
                                            arguments: StatementArguments(keys)) {
                    existing[row["key"]] = row["value"]
                }
                let insert = try db.makeStatement(sql: """
                    INSERT INTO cache_entry (key, stage, component, fields, value, created_at) VALUES (?, ?, ?, ?, ?, ?)
                    """)
                for row in rows {
                    let key: String = row["key"], value: Data = row["value"]
                    if let known = existing[key] {
                        if known == value {
                            outcome.present += 1
                        } else {
                            outcome.conflicts.append(.init(key: key, stage: row["stage"], component: row["component"], fields: row["fields"]))
                        }
                        continue
                    }
                    try insert.execute(arguments: [key, row["stage"], row["component"], row["fields"], value, row["created_at"]])
                    outcome.copied += 1
                }
            }
        }
        return outcome
    }

    /// Opens a source cache without creating or migrating it, and checks it.
    static func openSource(_ source: String, destination: String) throws -> DatabaseQueue {
        guard FileManager.default.fileExists(atPath: source) else {
            throw StoreError.refusedSource(path: source, reason: "no such file")
        }
        let real = { (p: String) in URL(fileURLWithPath: p).resolvingSymlinksInPath().standardizedFileURL.path }
        guard real(source) != real(destination) else {
            throw StoreError.refusedSource(path: source, reason: "it is the destination itself")
        }
        var config = Configuration()
        config.busyMode = .timeout(60)
        do {
            let queue: DatabaseQueue
            do {
                queue = try DatabaseQueue(path: source, configuration: config)
            } catch let error as DatabaseError where [.SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM].contains(error.resultCode) {
                config.readonly = true   // a source on a read-only file system
                queue = try DatabaseQueue(path: source, configuration: config)
            }
            let verdict: [String]
            do {
                verdict = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            } catch let error as DatabaseError {
                throw StoreError.refusedSource(path: source, reason: "PRAGMA integrity_check: " + (error.message ?? "\(error)"))
            }
            guard verdict == ["ok"] else {
                throw StoreError.refusedSource(path: source, reason: "PRAGMA integrity_check: " + verdict.prefix(5).joined(separator: "; "))
            }
            let columns = try queue.read { db in try db.tableExists("cache_entry") ? try db.columns(in: "cache_entry").map(\.name) : [] }
            guard Set(["key", "stage", "component", "fields", "value", "created_at"]).isSubset(of: columns) else {
                throw StoreError.refusedSource(path: source, reason: "it holds no blendlab cache table (cache_entry)")
            }
            return queue
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError.refusedSource(path: source, reason: error.message ?? "\(error)")
        } catch {
            throw StoreError.refusedSource(path: source, reason: "\(error)")
        }
    }
}

import BlendCore
import Foundation
import GRDB

/// The SQLite cache: one file in WAL mode, many concurrent readers, one writer at a time
/// (other processes wait up to a minute for the write lock instead of failing). Every write is
/// one transaction, so a killed process loses at most the batch it was writing.
public final class CacheStore: Sendable {
    public let path: String
    let pool: DatabasePool

    public init(path: String) throws {
        self.path = path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "cannot create directory \(directory) (\(error.localizedDescription))")
        }
        var config = Configuration()
        config.busyMode = .timeout(60)
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            // Opening (which switches a new file to WAL) and GRDB's migrator are safe within one
            // process only: two processes opening a new cache at once would both create the
            // tables, or fail on the journal-mode switch. A lock file serialises them.
            pool = try MigrationLock.holding(path + ".migrate-lock") {
                let pool = try DatabasePool(path: path, configuration: config)
                try Migrations.migrator.migrate(pool)
                return pool
            }
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_CORRUPT, .SQLITE_NOTADB: throw StoreError.corrupt(path: path, reason: error.message ?? "\(error)")
            case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_FULL, .SQLITE_IOERR:
                throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error)")
            default: throw StoreError.cannotOpen(path: path, reason: "\(error)")
            }
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// The stored values for those `keys` that are cached, by digest.
    public func values(for keys: [CacheKey]) throws -> [String: Data] {
        var found: [String: Data] = [:]
        let digests = keys.map(\.digest)
        try read { db in
            for start in stride(from: 0, to: digests.count, by: 500) {
                let chunk = Array(digests[start..<min(start + 500, digests.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchCursor(db, sql: "SELECT key, value FROM cache_entry WHERE key IN (\(marks))",
                                               arguments: StatementArguments(chunk))
                while let row = try rows.next() { found[row["key"]] = row["value"] }
            }
        }
        return found
    }

    /// Stores `entries` in one transaction (replacing equal keys).
    public func store(_ entries: [(key: CacheKey, value: Data)]) throws {
        guard !entries.isEmpty else { return }
        let now = Date().timeIntervalSince1970
        try write { db in
            let statement = try db.makeStatement(sql: """
                INSERT OR REPLACE INTO cache_entry (key, stage, component, fields, value, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """)
            for (key, value) in entries {
                try statement.execute(arguments: [key.digest, key.stage, key.component, key.fields.canonical, value, now])
            }
        }
    }

    /// Records the start of a run of `experiment`; returns its id.
    public func startRun(experiment: String) throws -> Int64 {
        try write { db in
            try db.execute(sql: "INSERT INTO run (experiment, started_at) VALUES (?, ?)",
                           arguments: [experiment, Date().timeIntervalSince1970])
            return db.lastInsertedRowID
        }
    }

    /// Records one stage's hits and misses for a run, and the keys that missed.
    public func recordStage(run: Int64, stage: String, hits: Int, misses: [CacheKey]) throws {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO run_stage (run_id, stage, hits, misses) VALUES (?, ?, ?, ?)",
                           arguments: [run, stage, hits, misses.count])
            let statement = try db.makeStatement(sql: "INSERT INTO run_miss (run_id, key, stage, component, fields) VALUES (?, ?, ?, ?, ?)")
            for key in misses {
                try statement.execute(arguments: [run, key.digest, key.stage, key.component, key.fields.canonical])
            }
        }
    }

    public func finishRun(_ run: Int64) throws {
        try write { db in
            try db.execute(sql: "UPDATE run SET finished_at = ? WHERE id = ?", arguments: [Date().timeIntervalSince1970, run])
        }
    }

    /// `PRAGMA integrity_check`'s answer ("ok" when sound).
    public func integrityCheck() throws -> String {
        try read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "no answer" }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch { throw mapped(error) }
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch { throw mapped(error) }
    }

    private func mapped(_ error: Error) -> Error {
        guard let error = error as? DatabaseError else { return error }
        switch error.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return StoreError.corrupt(path: path, reason: error.message ?? "\(error)")
        default: return StoreError.cannotWrite(path: path, reason: error.message ?? "\(error)")
        }
    }
}

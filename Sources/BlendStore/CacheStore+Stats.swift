import GRDB

/// Rows and bytes per stage, and the hits and misses of the most recent run.
public struct CacheStats: Sendable {
    public struct Stage: Sendable {
        public var stage: String
        public var rows: Int
        public var bytes: Int
    }

    public struct RunStage: Sendable {
        public var stage: String
        public var hits: Int
        public var misses: Int
    }

    public var stages: [Stage]
    public var lastRunExperiment: String?
    public var lastRunStages: [RunStage]
}

extension CacheStore {
    public func stats() throws -> CacheStats {
        try read { db in
            let stages = try Row.fetchAll(db, sql: """
                SELECT stage, COUNT(*) AS n, SUM(LENGTH(value) + LENGTH(fields)) AS bytes FROM cache_entry GROUP BY stage ORDER BY stage
                """).map { CacheStats.Stage(stage: $0["stage"], rows: $0["n"], bytes: $0["bytes"] ?? 0) }
            guard let run = try Row.fetchOne(db, sql: "SELECT id, experiment FROM run ORDER BY id DESC LIMIT 1") else {
                return CacheStats(stages: stages, lastRunExperiment: nil, lastRunStages: [])
            }
            let id: Int64 = run["id"]
            let runStages = try Row.fetchAll(db, sql: "SELECT stage, hits, misses FROM run_stage WHERE run_id = ? ORDER BY rowid",
                                             arguments: [id])
                .map { CacheStats.RunStage(stage: $0["stage"], hits: $0["hits"], misses: $0["misses"]) }
            return CacheStats(stages: stages, lastRunExperiment: run["experiment"], lastRunStages: runStages)
        }
    }
}

import GRDB

/// Named, append-only schema migrations. Never edit a shipped migration: add a new one.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-cache-entries") { db in
            try db.create(table: "cache_entry") { t in
                t.primaryKey("key", .text)
                t.column("stage", .text).notNull()
                t.column("component", .text).notNull()
                t.column("fields", .text).notNull()
                t.column("value", .blob).notNull()
                t.column("created_at", .double).notNull()
            }
            try db.create(index: "cache_entry_stage", on: "cache_entry", columns: ["stage", "component"])
        }
        m.registerMigration("v2-runs") { db in
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("experiment", .text).notNull()
                t.column("started_at", .double).notNull()
                t.column("finished_at", .double)
            }
            try db.create(table: "run_stage") { t in
                t.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
                t.column("stage", .text).notNull()
                t.column("hits", .integer).notNull()
                t.column("misses", .integer).notNull()
                t.primaryKey(["run_id", "stage"])
            }
            try db.create(table: "run_miss") { t in
                t.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
                t.column("key", .text).notNull()
                t.column("stage", .text).notNull()
                t.column("component", .text).notNull()
                t.column("fields", .text).notNull()
            }
            try db.create(index: "run_miss_run", on: "run_miss", columns: ["run_id"])
        }
        return m
    }
}

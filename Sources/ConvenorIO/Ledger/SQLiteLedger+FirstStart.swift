package import Foundation
import GRDB

extension SQLiteLedger {
    /// The `ledger_marker` row that holds the first start (migration v6).
    static let firstStartMarker = "first_start"

    /// When this ledger's daemon first ran, or nil before its first start (or in a read-only file older than v4).
    package func firstStart() async throws(LedgerError) -> Date? {
        try await read("first start") { db in
            // A read-only ledger (preview) may not be migrated yet: no table means no first start recorded.
            guard try db.tableExists("ledger_marker") else { return nil }
            return try Date.fetchOne(
                db,
                sql: "SELECT at FROM ledger_marker WHERE name = ?",
                arguments: [SQLiteLedger.firstStartMarker]
            )
        }
    }

    /// Records `instant` as the first start unless one is recorded; returns the one that stands.
    package func recordFirstStart(_ instant: Date) async throws(LedgerError) -> Date {
        try await write("record first start") { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO ledger_marker (name, at) VALUES (?, ?)",
                arguments: [SQLiteLedger.firstStartMarker, instant]
            )
            return try Date.fetchOne(
                db,
                sql: "SELECT at FROM ledger_marker WHERE name = ?",
                arguments: [SQLiteLedger.firstStartMarker]
            ) ?? instant
        }
    }
}

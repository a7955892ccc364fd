package import ConvenorCore
import Foundation
import GRDB

/// The chairs' changes in the ledger's database (table `chair_change` of migration v4).
extension SQLiteLedger {
    package func chairChanges() async throws(LedgerError) -> [ChairChange] {
        try await read("read chair changes") { db in try Self.chairChanges(db) }
    }

    package func appendChairChange(_ change: ChairChange, seen: Int?) async throws(LedgerError) -> ChairChange {
        try await write("save chair change \(change.group)/\(change.occurrence)") { db in
            // The check and the insert share one immediate transaction: a racing chair (or instance) waits.
            let latest = try Int.fetchOne(
                db,
                sql: #"SELECT MAX(number) FROM chair_change WHERE "group" = ? AND occurrence = ?"#,
                arguments: [change.group, change.occurrence]
            )
            if latest != seen, let latest {
                throw LedgerError(operation: "save chair change", reason: .staleChairChange(latest: latest))
            }
            try db.execute(
                sql: #"""
                    INSERT INTO chair_change ("group", occurrence, action, payload, format, author, at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """#,
                arguments: [
                    change.group, change.occurrence, change.action.rawValue, change.payload, change.format,
                    change.author, change.at,
                ]
            )
            var saved = change
            saved.number = Int(db.lastInsertedRowID)
            return saved
        }
    }

    /// Every change, read synchronously: for `WorkspaceLoader`, which is synchronous, through a read-only
    /// connection. Empty when there is no ledger yet or its schema predates the table.
    package static func chairChanges(directory: String) throws(LedgerError) -> [ChairChange] {
        guard let ledger = try openReadOnly(directory: directory) else { return [] }
        do {
            return try ledger.writer.read { db in
                guard try db.tableExists("chair_change") else { return [] }
                return try chairChanges(db)
            }
        } catch {
            throw LedgerError(operation: "read chair changes", error: error)
        }
    }

    private static func chairChanges(_ db: Database) throws -> [ChairChange] {
        try Row.fetchAll(
            db,
            sql:
                #"SELECT number, "group", occurrence, action, payload, format, author, at FROM chair_change ORDER BY number"#
        ).map { row in
            let actionText: String = row["action"]
            guard let action = ChairChange.Action(rawValue: actionText) else {
                throw LedgerError(
                    operation: "read chair changes",
                    reason: .unreadableRow("unknown chair action '\(actionText)'")
                )
            }
            return ChairChange(
                number: row["number"],
                group: row["group"],
                occurrence: row["occurrence"],
                action: action,
                payload: row["payload"],
                format: row["format"],
                author: row["author"],
                at: row["at"]
            )
        }
    }
}

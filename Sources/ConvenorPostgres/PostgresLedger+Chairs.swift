package import ConvenorCore
package import ConvenorIO
import Foundation
import PostgresNIO

/// The chairs' changes in the shared ledger (table `chair_change` of migration v4), so every instance folds the
/// same overlay over the operator's YAML.
extension PostgresLedger {
    package func chairChanges() async throws(LedgerError) -> [ChairChange] {
        try await withConnection("read chair changes") { connection in
            let rows = try await connection.query(
                """
                SELECT number, "group", occurrence, action, payload, format, author, at
                FROM chair_change ORDER BY number
                """,
                logger: Self.silent
            )
            var changes: [ChairChange] = []
            for try await (number, group, occurrence, actionText, payload, format, author, at) in rows.decode(
                (Int, String, String, String, String, String, String, Date).self
            ) {
                guard let action = ChairChange.Action(rawValue: actionText) else {
                    throw LedgerError(
                        operation: "read chair changes",
                        reason: .unreadableRow("unknown chair action '\(actionText)'")
                    )
                }
                changes.append(
                    ChairChange(
                        number: number,
                        group: group,
                        occurrence: occurrence,
                        action: action,
                        payload: payload,
                        format: format,
                        author: author,
                        at: at
                    )
                )
            }
            return changes
        }
    }

    package func appendChairChange(_ change: ChairChange, seen: Int?) async throws(LedgerError) -> ChairChange {
        try await withTransaction("save chair change \(change.group)/\(change.occurrence)") { connection in
            // One subject at a time: a transaction-scoped advisory lock on the group and occurrence, so the check
            // and the insert of two racing chairs (or instances) cannot interleave.
            try await connection.query(
                "SELECT pg_advisory_xact_lock(hashtext(\(change.group + "\u{1F}" + change.occurrence)))",
                logger: Self.silent
            )
            let latestRows = try await connection.query(
                """
                SELECT max(number) FROM chair_change WHERE "group" = \(change.group)
                    AND occurrence = \(change.occurrence)
                """,
                logger: Self.silent
            )
            var latest: Int?
            for try await value in latestRows.decode(Int?.self) { latest = value }
            if latest != seen, let latest {
                throw LedgerError(operation: "save chair change", reason: .staleChairChange(latest: latest))
            }
            let inserted = try await connection.query(
                """
                INSERT INTO chair_change ("group", occurrence, action, payload, format, author, at)
                VALUES (\(change.group), \(change.occurrence), \(change.action.rawValue), \(change.payload),
                    \(change.format), \(change.author), \(change.at))
                RETURNING number
                """,
                logger: Self.silent
            )
            var saved = change
            for try await number in inserted.decode(Int.self) { saved.number = number }
            return saved
        }
    }
}

import ConvenorCore
package import ConvenorIO
import Foundation
import PostgresNIO

/// `convenor ledger migrate-to URL`: copies an SQLite ledger into an empty PostgreSQL one, once, for an installation
/// that grows from one server to two (issue 20).
///
/// Everything that is state moves: every mailing row (with its Message-ID, so nothing already sent goes again), what
/// each meeting's list was told, the chairs' changes with their numbers, and the first-start marker. Sign-ins and
/// sessions do not: chairs sign in again. The target must hold no mailings and no chair changes; copying into a
/// ledger that is in use would merge two histories, so it is refused.
package enum LedgerCopy {
    /// The target already holds rows.
    package struct Refusal: Error, Sendable, CustomStringConvertible {
        package var mailings: Int
        package var chairChanges: Int
        package var description: String {
            "the target ledger is not empty (\(mailings) mailings, \(chairChanges) chair changes); "
                + "migrate-to copies into a new, empty database only"
        }
    }

    /// How much was copied.
    package struct Copied: Sendable, Equatable {
        package var mailings: Int
        package var announced: Int
        package var chairChanges: Int
    }

    package static func copy(from source: any LedgerReader, to target: PostgresLedger) async throws -> Copied {
        let snapshot = try await source.snapshot()
        let changes = try await source.chairChanges()
        let firstStart = try await source.firstStart()
        let outcome: Swift.Result<Copied, Refusal> = try await target.withTransaction("migrate-to \(target.location)") {
            connection in
            // Nobody may start writing between the emptiness check and the copy.
            try await connection.query(
                "LOCK TABLE mailing, chair_change, announced_occurrence, ledger_marker IN EXCLUSIVE MODE",
                logger: PostgresLedger.silent
            )
            var mailings = 0
            var chairChanges = 0
            for try await count in try await connection.query(
                "SELECT count(*) FROM mailing",
                logger: PostgresLedger.silent
            )
            .decode(Int.self) {
                mailings = count
            }
            for try await count in try await connection.query(
                "SELECT count(*) FROM chair_change",
                logger: PostgresLedger.silent
            ).decode(Int.self) {
                chairChanges = count
            }
            guard mailings == 0, chairChanges == 0 else {
                return .failure(Refusal(mailings: mailings, chairChanges: chairChanges))
            }
            for entry in snapshot.entries.values.sorted(by: { $0.key < $1.key }) {
                try await PostgresLedger.store(
                    LedgerWrite(row: entry, replacing: nil),
                    leaseToken: nil,
                    on: connection
                )
            }
            for announced in snapshot.announced.values.sorted(by: { $0.key < $1.key }) {
                try await PostgresRows.saveAnnounced(announced, on: connection)
            }
            for change in changes {
                try await connection.query(
                    """
                    INSERT INTO chair_change (number, "group", occurrence, action, payload, format, author, at)
                    VALUES (\(change.number), \(change.group), \(change.occurrence), \(change.action.rawValue),
                        \(change.payload), \(change.format), \(change.author), \(change.at))
                    """,
                    logger: PostgresLedger.silent
                )
            }
            // The next change a chair saves is numbered after the copied ones.
            try await connection.query(
                """
                SELECT setval(pg_get_serial_sequence('chair_change', 'number'),
                    GREATEST((SELECT max(number) FROM chair_change), 1), (SELECT count(*) > 0 FROM chair_change))
                """,
                logger: PostgresLedger.silent
            )
            if let firstStart {
                try await connection.query(
                    """
                    INSERT INTO ledger_marker (name, at) VALUES (\(PostgresLedger.firstStartMarker), \(firstStart))
                    ON CONFLICT (name) DO UPDATE SET at = LEAST(ledger_marker.at, EXCLUDED.at)
                    """,
                    logger: PostgresLedger.silent
                )
            }
            return .success(
                Copied(
                    mailings: snapshot.entries.count,
                    announced: snapshot.announced.count,
                    chairChanges: changes.count
                )
            )
        }
        return try outcome.get()
    }
}

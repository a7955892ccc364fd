package import ConvenorCore
package import ConvenorIO
package import Foundation
import PostgresNIO

extension PostgresLedger: LedgerStore {
    /// Every row and every announced occurrence, read in one REPEATABLE READ transaction so they agree.
    package func snapshot() async throws(LedgerError) -> LedgerSnapshot {
        try await withTransaction("snapshot") { connection in
            try await connection.query(
                "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY",
                logger: Self.silent
            )
            var entries: [LedgerEntry] = []
            for try await row in try await connection.query(
                PostgresQuery(unsafeSQL: PostgresRows.selectMailing),
                logger: Self.silent
            ) {
                entries.append(try PostgresRows.entry(row))
            }
            var announced: [AnnouncedOccurrence] = []
            for try await row in try await connection.query(
                PostgresQuery(unsafeSQL: PostgresRows.selectAnnounced),
                logger: Self.silent
            ) {
                announced.append(try PostgresRows.announced(row))
            }
            return LedgerSnapshot(entries, announced: announced)
        }
    }

    package func entry(for key: MailingKey) async throws(LedgerError) -> LedgerEntry? {
        try await withConnection("read \(key)") { connection in
            try await Self.entry(key, on: connection, lock: false)
        }
    }

    package func entries(group: String?, state: LedgerState?) async throws(LedgerError) -> [LedgerEntry] {
        try await withConnection("list") { connection in
            var binds = PostgresBindings()
            binds.append(group)
            binds.append(state?.rawValue)
            let sql =
                PostgresRows.selectMailing
                + " WHERE ($1::text IS NULL OR \"group\" = $1) AND ($2::text IS NULL OR state = $2)"
            var entries: [LedgerEntry] = []
            for try await row in try await connection.query(
                PostgresQuery(unsafeSQL: sql, binds: binds),
                logger: Self.silent
            ) {
                entries.append(try PostgresRows.entry(row))
            }
            return entries.sorted { ($0.due, $0.key) < ($1.due, $1.key) }
        }
    }

    package func unalertedProblems() async throws(LedgerError) -> [LedgerEntry] {
        let states = LedgerState.allCases.filter(\.needsOperator).map(\.rawValue)
        return try await withConnection("unalerted problems") { connection in
            var binds = PostgresBindings()
            binds.append(states)
            let sql = PostgresRows.selectMailing + " WHERE alerted_at IS NULL AND state = ANY($1)"
            var entries: [LedgerEntry] = []
            for try await row in try await connection.query(
                PostgresQuery(unsafeSQL: sql, binds: binds),
                logger: Self.silent
            ) {
                entries.append(try PostgresRows.entry(row))
            }
            return entries.sorted { $0.key < $1.key }
        }
    }

    package func lastAlertTime() async throws(LedgerError) -> Date? {
        try await withConnection("last alert") { connection in
            for try await last in try await connection.query("SELECT max(alerted_at) FROM mailing", logger: Self.silent)
                .decode(Date?.self)
            {
                return last
            }
            return nil
        }
    }

    package func announcedOccurrence(_ key: OccurrenceKey) async throws(LedgerError) -> AnnouncedOccurrence? {
        try await withConnection("read announced \(key)") { connection in
            var binds = PostgresBindings()
            binds.append(key.group)
            binds.append(key.occurrence)
            let sql = PostgresRows.selectAnnounced + " WHERE \"group\" = $1 AND occurrence = $2"
            for try await row in try await connection.query(
                PostgresQuery(unsafeSQL: sql, binds: binds),
                logger: Self.silent
            ) {
                return try PostgresRows.announced(row)
            }
            return nil
        }
    }

    /// Locks the row (`FOR UPDATE`), runs `step` on it, and writes its action in the same transaction, fenced by
    /// the leader lease when this instance leads (`Fencing`). Two instances inserting the same new key at once:
    /// the second insert fails on the primary key and the whole step runs again against the row the first wrote.
    package func transition<Outcome: Sendable>(
        _ key: MailingKey,
        operation: String,
        _ step: @escaping @Sendable (LedgerEntry?) -> LedgerTransition<Outcome>
    ) async throws(LedgerError) -> Outcome {
        try await transitions([key], operation: operation) { _, row in step(row) }[0]
    }

    /// `transition`'s steps for several keys in one transaction (one commit for a claim window), each row locked
    /// as it is read; a unique violation on any insert runs the whole set again.
    package func transitions<Outcome: Sendable>(
        _ keys: [MailingKey],
        operation: String,
        _ step: @escaping @Sendable (Int, LedgerEntry?) -> LedgerTransition<Outcome>
    ) async throws(LedgerError) -> [Outcome] {
        precondition(Set(keys).count == keys.count, "one step per key")
        guard !keys.isEmpty else { return [] }
        let fencing = fencing
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await withTransaction(operation) { connection in
                    var outcomes: [Outcome] = []
                    for (index, key) in keys.enumerated() {
                        let row = try await Self.entry(key, on: connection, lock: true)
                        outcomes.append(
                            try await Self.apply(step(index, row), key: key, fencing: fencing, on: connection)
                        )
                    }
                    return outcomes
                }
            } catch let error where error.isUniqueViolation && attempt < 5 {
                continue
            }
        }
    }

    /// Performs a step's action in the caller's transaction, fenced, and returns its outcome.
    private static func apply<Outcome: Sendable>(
        _ transition: LedgerTransition<Outcome>,
        key: MailingKey,
        fencing: (any FencingTokenSource)?,
        on connection: PostgresConnection
    ) async throws -> Outcome {
        guard case .store(let write) = transition.action else { return transition.outcome }
        let leaseToken = try await Fencing.check(write, fencing: fencing, key: key, on: connection)
        try await store(write, leaseToken: leaseToken, on: connection)
        if let announcing = write.announcing {
            try await PostgresRows.saveAnnounced(announcing, on: connection)
        }
        return transition.outcome
    }

    /// The row for `key`, locked for this transaction when `lock` is set.
    static func entry(_ key: MailingKey, on connection: PostgresConnection, lock: Bool) async throws -> LedgerEntry? {
        var binds = PostgresBindings()
        binds.append(key.group)
        binds.append(key.kind.rawValue)
        binds.append(key.occurrence)
        binds.append(key.revision)
        let sql =
            PostgresRows.selectMailing
            + " WHERE \"group\" = $1 AND kind = $2 AND occurrence = $3 AND revision = $4" + (lock ? " FOR UPDATE" : "")
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: silent) {
            return try PostgresRows.entry(row)
        }
        return nil
    }

    /// Inserts the row (no row existed when the step ran) or replaces the locked one. `leaseToken`, when given,
    /// is the lease a claim was made under; otherwise the row keeps the token it has.
    static func store(_ write: LedgerWrite, leaseToken: Int?, on connection: PostgresConnection) async throws {
        var binds = PostgresRows.binds(write.row)
        let columns = PostgresRows.mailingColumns
        binds.append(leaseToken)
        let tokenPlaceholder = "$\(columns.count + 1)"
        let sql: String
        if write.replacing == nil {
            // A plain INSERT, never an upsert: a racing instance's row must not be overwritten unseen.
            sql =
                "INSERT INTO mailing (\(columns.joined(separator: ", ")), lease_token) VALUES ("
                + PostgresRows.placeholders(columns.count) + ", \(tokenPlaceholder))"
        } else {
            let assignments = columns.enumerated().dropFirst(4).map { "\($0.element) = $\($0.offset + 1)" }
            sql =
                "UPDATE mailing SET \(assignments.joined(separator: ", ")), "
                + "lease_token = COALESCE(\(tokenPlaceholder), lease_token) "
                + "WHERE \"group\" = $1 AND kind = $2 AND occurrence = $3 AND revision = $4"
        }
        try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: silent)
    }

    // MARK: First start

    static let firstStartMarker = "first_start"

    package func firstStart() async throws(LedgerError) -> Date? {
        try await withConnection("first start") { connection in
            for try await at in try await connection.query(
                "SELECT at FROM ledger_marker WHERE name = \(Self.firstStartMarker)",
                logger: Self.silent
            ).decode(Date.self) {
                return at
            }
            return nil
        }
    }

    package func recordFirstStart(_ instant: Date) async throws(LedgerError) -> Date {
        try await withConnection("record first start") { connection in
            try await connection.query(
                """
                INSERT INTO ledger_marker (name, at) VALUES (\(Self.firstStartMarker), \(instant))
                ON CONFLICT (name) DO NOTHING
                """,
                logger: Self.silent
            )
            for try await at in try await connection.query(
                "SELECT at FROM ledger_marker WHERE name = \(Self.firstStartMarker)",
                logger: Self.silent
            ).decode(Date.self) {
                return at
            }
            return instant
        }
    }
}

package import ConvenorIO
import Foundation
import Logging
import PostgresNIO

extension PostgresLedger {
    /// The schema, migration by migration, under the same names as `SQLiteLedger.migrationNames`: the schema version
    /// of either store is how many of them it has applied, and the two hold the same tables and columns. Never edit a
    /// shipped migration: add a new one to both stores.
    ///
    /// PostgreSQL spelling: `TIMESTAMPTZ` for SQLite's `DATETIME`, `BIGINT` for `INTEGER`, `BIGSERIAL` for
    /// `AUTOINCREMENT`. v2 rebuilt SQLite's table to drop a CHECK list; here it drops the constraint.
    static let migrations: [String] = [
        // v1 mailing and announced_occurrence
        """
        CREATE TABLE mailing (
            "group" TEXT NOT NULL,
            kind TEXT NOT NULL,
            occurrence TEXT NOT NULL,
            revision BIGINT NOT NULL CHECK (revision >= 0),
            state TEXT NOT NULL CONSTRAINT mailing_state_known CHECK (state IN
                ('scheduled', 'claimed', 'sent', 'deferred', 'failed', 'missed', 'cancelled')),
            message_id TEXT,
            due TIMESTAMPTZ NOT NULL,
            valid_until TIMESTAMPTZ NOT NULL,
            attempts BIGINT NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            first_attempt TIMESTAMPTZ,
            next_attempt TIMESTAMPTZ,
            last_error TEXT,
            relay_reply TEXT,
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL,
            sent_at TIMESTAMPTZ,
            missed_reason TEXT,
            alerted_at TIMESTAMPTZ,
            PRIMARY KEY ("group", kind, occurrence, revision)
        );
        CREATE INDEX mailing_state ON mailing(state);
        CREATE TABLE announced_occurrence (
            "group" TEXT NOT NULL,
            occurrence TEXT NOT NULL,
            start_local TEXT NOT NULL,
            start_utc TIMESTAMPTZ NOT NULL,
            length_minutes BIGINT NOT NULL,
            place_online TEXT,
            place_venue TEXT,
            sequence BIGINT NOT NULL CHECK (sequence >= 0),
            uid TEXT NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY ("group", occurrence)
        );
        """,
        // v2 mailing states checked by LedgerState, not a fixed list
        """
        ALTER TABLE mailing DROP CONSTRAINT mailing_state_known;
        ALTER TABLE mailing ADD CONSTRAINT mailing_state_named CHECK (state <> '');
        """,
        // v3 web sign-in and sessions
        """
        CREATE TABLE web_sign_in (
            token_hash TEXT PRIMARY KEY NOT NULL,
            address TEXT NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            expires_at TIMESTAMPTZ NOT NULL,
            used_at TIMESTAMPTZ
        );
        CREATE TABLE web_session (
            id_hash TEXT PRIMARY KEY NOT NULL,
            address TEXT NOT NULL,
            csrf_token TEXT NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            expires_at TIMESTAMPTZ NOT NULL
        );
        CREATE TABLE web_sign_in_request (
            key TEXT NOT NULL,
            at TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX web_sign_in_request_key ON web_sign_in_request(key, at);
        """,
        // v4 chair changes
        """
        CREATE TABLE chair_change (
            number BIGSERIAL PRIMARY KEY,
            "group" TEXT NOT NULL,
            occurrence TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action <> ''),
            payload TEXT NOT NULL,
            format TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL,
            at TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX chair_change_subject ON chair_change("group", occurrence);
        """,
        // v5 what came back from the list
        """
        ALTER TABLE mailing ADD COLUMN posted_to TEXT;
        ALTER TABLE mailing ADD COLUMN subject TEXT;
        ALTER TABLE mailing ADD COLUMN distributed_at TIMESTAMPTZ;
        ALTER TABLE mailing ADD COLUMN list_words TEXT;
        ALTER TABLE mailing ADD COLUMN approval_link TEXT;
        ALTER TABLE mailing ADD COLUMN bounce_status TEXT;
        ALTER TABLE mailing ADD COLUMN bounce_diagnostic TEXT;
        ALTER TABLE mailing ADD COLUMN chairs_alerted_at TIMESTAMPTZ;
        """,
        // v6 ledger markers (first start)
        """
        CREATE TABLE ledger_marker (
            name TEXT PRIMARY KEY NOT NULL,
            at TIMESTAMPTZ NOT NULL
        );
        """,
        // v7 leader lease and fencing token
        """
        CREATE TABLE leader_lease (
            name TEXT PRIMARY KEY NOT NULL,
            holder TEXT NOT NULL,
            token BIGINT NOT NULL CHECK (token > 0),
            acquired_at TIMESTAMPTZ NOT NULL,
            expires_at TIMESTAMPTZ NOT NULL
        );
        ALTER TABLE mailing ADD COLUMN lease_token BIGINT;
        """,
    ]

    /// An arbitrary constant for `pg_advisory_xact_lock`: instances starting together migrate one at a time.
    private static let migrationLock: Int64 = 0x636F_6E76_656E_6F72  // "convenor"

    /// Applies the migrations this database lacks, in one transaction under an advisory lock, and refuses a
    /// database migrated by a newer convenor (names this build does not know), like the SQLite store.
    static func migrate(on connection: PostgresConnection, location: String) async throws {
        precondition(migrations.count == SQLiteLedger.migrationNames.count, "one PostgreSQL migration per name")
        let names = SQLiteLedger.migrationNames
        let statements = migrations
        try await connection.withTransaction(logger: silent) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.migrationLock))", logger: Self.silent)
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS schema_migration (
                    name TEXT PRIMARY KEY NOT NULL,
                    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
                )
                """,
                logger: Self.silent
            )
            var applied: Set<String> = []
            for try await name in try await connection.query("SELECT name FROM schema_migration", logger: Self.silent)
                .decode(String.self)
            {
                applied.insert(name)
            }
            let unknown = applied.subtracting(names).sorted()
            guard unknown.isEmpty else {
                throw LedgerError(operation: "open", reason: .newerSchema(unknownMigrations: unknown))
            }
            for (name, sql) in zip(names, statements) where !applied.contains(name) {
                // PostgresNIO speaks only the extended protocol (one statement per query): run them one by one,
                // all inside this transaction. No statement here holds a `;` of its own.
                for statement in sql.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) })
                where !statement.isEmpty {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: Self.silent)
                }
                try await connection.query(
                    "INSERT INTO schema_migration (name) VALUES (\(name))",
                    logger: Self.silent
                )
            }
        }
    }

    /// The number of migrations the database has applied.
    package func schemaVersion() async throws(LedgerError) -> Int {
        try await withConnection("schema version") { connection in
            let rows = try await connection.query("SELECT count(*) FROM schema_migration", logger: Self.silent)
            for try await count in rows.decode(Int.self) { return count }
            return 0
        }
    }

    /// For queries whose own log lines would only repeat what the store reports.
    static let silent = Logger(label: "convenor.ledger.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
}

import GRDB

extension Ledger {
    /// The migrator, with every migration convenor has ever shipped, in order. Never edit a shipped migration:
    /// add a new one. Each sets `PRAGMA user_version` to its number so `sqlite3` users can see the version too.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(migrationNames[0]) { db in
            // Column names are the ones issue 6 lists; `group` is quoted because it is an SQL keyword.
            try db.execute(
                sql: """
                    CREATE TABLE mailing (
                        "group" TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        occurrence TEXT NOT NULL,
                        revision INTEGER NOT NULL CHECK (revision >= 0),
                        state TEXT NOT NULL CHECK (state IN
                            ('scheduled', 'claimed', 'sent', 'deferred', 'failed', 'missed', 'cancelled')),
                        message_id TEXT,
                        due DATETIME NOT NULL,
                        valid_until DATETIME NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                        first_attempt DATETIME,
                        next_attempt DATETIME,
                        last_error TEXT,
                        relay_reply TEXT,
                        created_at DATETIME NOT NULL,
                        updated_at DATETIME NOT NULL,
                        sent_at DATETIME,
                        missed_reason TEXT,
                        alerted_at DATETIME,
                        PRIMARY KEY ("group", kind, occurrence, revision)
                    );
                    CREATE INDEX mailing_state ON mailing(state);
                    CREATE TABLE announced_occurrence (
                        "group" TEXT NOT NULL,
                        occurrence TEXT NOT NULL,
                        start_local TEXT NOT NULL,
                        start_utc DATETIME NOT NULL,
                        length_minutes INTEGER NOT NULL,
                        place_online TEXT,
                        place_venue TEXT,
                        sequence INTEGER NOT NULL CHECK (sequence >= 0),
                        uid TEXT NOT NULL,
                        updated_at DATETIME NOT NULL,
                        PRIMARY KEY ("group", occurrence)
                    );
                    PRAGMA user_version = 1;
                    """)
        }
        return migrator
    }

    /// Names of the shipped migrations; the schema version is how many of them a file has applied.
    static let migrationNames = ["v1 mailing and announced_occurrence"]

    /// The schema version this build writes (`convenor ledger` prints it).
    package static var currentSchemaVersion: Int { migrationNames.count }
}

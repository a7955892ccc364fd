import GRDB

extension SQLiteLedger {
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
                    """
            )
        }
        migrator.registerMigration(migrationNames[1]) { db in
            // v1 listed the states in a CHECK constraint, so every new state (`LedgerState`) needed a table rebuild.
            // SQLite cannot drop a constraint: rebuild once without the list. A row whose state this build does not
            // know still fails to read (`MailingRecord` decodes `LedgerState`), so nothing is silently accepted.
            try db.execute(
                sql: """
                    CREATE TABLE mailing_v2 (
                        "group" TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        occurrence TEXT NOT NULL,
                        revision INTEGER NOT NULL CHECK (revision >= 0),
                        state TEXT NOT NULL CHECK (state <> ''),
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
                    INSERT INTO mailing_v2 SELECT
                        "group", kind, occurrence, revision, state, message_id, due, valid_until, attempts,
                        first_attempt, next_attempt, last_error, relay_reply, created_at, updated_at, sent_at,
                        missed_reason, alerted_at
                    FROM mailing;
                    DROP TABLE mailing;
                    ALTER TABLE mailing_v2 RENAME TO mailing;
                    CREATE INDEX mailing_state ON mailing(state);
                    PRAGMA user_version = 2;
                    """
            )
        }
        migrator.registerMigration(migrationNames[2]) { db in
            // The web (issue 19): sign-in links and sessions stored as SHA-256 hashes, and the sign-in rate limits,
            // in the ledger's database so two instances sharing it agree on who is signed in.
            try db.execute(
                sql: """
                    CREATE TABLE web_sign_in (
                        token_hash TEXT PRIMARY KEY NOT NULL,
                        address TEXT NOT NULL,
                        created_at DATETIME NOT NULL,
                        expires_at DATETIME NOT NULL,
                        used_at DATETIME
                    );
                    CREATE TABLE web_session (
                        id_hash TEXT PRIMARY KEY NOT NULL,
                        address TEXT NOT NULL,
                        csrf_token TEXT NOT NULL,
                        created_at DATETIME NOT NULL,
                        expires_at DATETIME NOT NULL
                    );
                    CREATE TABLE web_sign_in_request (
                        key TEXT NOT NULL,
                        at DATETIME NOT NULL
                    );
                    CREATE INDEX web_sign_in_request_key ON web_sign_in_request(key, at);
                    PRAGMA user_version = 3;
                    """
            )
        }
        migrator.registerMigration(migrationNames[3]) { db in
            // The chairs' changes (issue 19): an append-only log; folded in number order it is the overlay the
            // workspace loader merges over the operator's YAML, so the audit trail and the state cannot disagree.
            try db.execute(
                sql: """
                    CREATE TABLE chair_change (
                        number INTEGER PRIMARY KEY AUTOINCREMENT,
                        "group" TEXT NOT NULL,
                        occurrence TEXT NOT NULL,
                        action TEXT NOT NULL CHECK (action <> ''),
                        payload TEXT NOT NULL,
                        format TEXT NOT NULL DEFAULT '',
                        author TEXT NOT NULL,
                        at DATETIME NOT NULL
                    );
                    CREATE INDEX chair_change_subject ON chair_change("group", occurrence);
                    PRAGMA user_version = 4;
                    """
            )
        }
        migrator.registerMigration(migrationNames[4]) { db in
            // Issue 18: what came back from the list. New states (`distributed`, `held`, `rejected`, `bounced`)
            // need no change since v2; the facts behind them are new nullable columns, so old rows read as before.
            try db.execute(
                sql: """
                    ALTER TABLE mailing ADD COLUMN posted_to TEXT;
                    ALTER TABLE mailing ADD COLUMN subject TEXT;
                    ALTER TABLE mailing ADD COLUMN distributed_at DATETIME;
                    ALTER TABLE mailing ADD COLUMN list_words TEXT;
                    ALTER TABLE mailing ADD COLUMN approval_link TEXT;
                    ALTER TABLE mailing ADD COLUMN bounce_status TEXT;
                    ALTER TABLE mailing ADD COLUMN bounce_diagnostic TEXT;
                    ALTER TABLE mailing ADD COLUMN chairs_alerted_at DATETIME;
                    PRAGMA user_version = 5;
                    """
            )
        }
        migrator.registerMigration(migrationNames[5]) { db in
            // Issue 15: the first-start marker (`LedgerStore.recordFirstStart`). One row at most, enforced by the
            // key, so `INSERT OR IGNORE` keeps the first one. A ledger that ran before this migration adopts the
            // instant of its old `<state_dir>/first-start` file or its oldest row (`FirstStart.establish`).
            try db.execute(
                sql: """
                    CREATE TABLE ledger_marker (
                        name TEXT PRIMARY KEY NOT NULL,
                        at DATETIME NOT NULL
                    );
                    PRAGMA user_version = 6;
                    """
            )
        }
        migrator.registerMigration(migrationNames[6]) { db in
            // Issue 20: the leader lease and the fencing token a claim carries. An SQLite ledger has one daemon
            // (`StateLock`) and never fills them; they exist so both stores hold the same tables and
            // `convenor ledger migrate-to` copies a file into PostgreSQL column for column.
            try db.execute(
                sql: """
                    CREATE TABLE leader_lease (
                        name TEXT PRIMARY KEY NOT NULL,
                        holder TEXT NOT NULL,
                        token INTEGER NOT NULL CHECK (token > 0),
                        acquired_at DATETIME NOT NULL,
                        expires_at DATETIME NOT NULL
                    );
                    ALTER TABLE mailing ADD COLUMN lease_token INTEGER;
                    PRAGMA user_version = 7;
                    """
            )
        }
        return migrator
    }

    /// Names of the shipped migrations; the schema version is how many of them a file has applied.
    package static let migrationNames = [
        "v1 mailing and announced_occurrence",
        "v2 mailing states checked by LedgerState, not a fixed list",
        "v3 web sign-in and sessions",
        "v4 chair changes",
        "v5 what came back from the list",
        "v6 ledger markers (first start)",
        "v7 leader lease and fencing token",
    ]

    /// The schema version this build writes (`convenor ledger` prints it).
    package static var currentSchemaVersion: Int { migrationNames.count }
}

import ConvenorCore
import Foundation
import GRDB

/// The delivery ledger: one SQLite row per mailing key, in `<state_dir>/ledger.sqlite`.
///
/// ## The delivery protocol (issue 6)
/// For each `PlannedSend` of a `DeliveryPlan` the daemon:
/// 1. calls `claim(_:messageID:now:)`. The claim (state `claimed`, attempts + 1) is committed with
///    `synchronous=FULL` before the call returns. If it throws, the daemon does NOT send: a failed ledger
///    write never leads to a send. If it returns anything but `.claimed`, the daemon does not send either.
/// 2. connects and sends with the claimed Message-ID;
/// 3. calls `record(_:for:now:policy:jitter:)` (or `record(_:for:now:retryAt:)`) with the transport's outcome:
///    `sent` is committed only after the relay's 250, `deferred` with the next attempt, or `failed`.
///
/// A crash between 1 and 3 leaves the row `claimed`. The next plan flags it (`resumesInterruptedAttempt`), and the
/// daemon logs a warning and sends again with the same Message-ID: SMTP cannot be exactly-once, and the stable
/// Message-ID lets list servers and mail clients drop the copy. On SIGTERM before step 2, `release(key:)` undoes
/// the claim so no row stays `claimed` that was never attempted.
///
/// Every write is one immediate transaction, so `convenor ledger retry` in another process can run while the daemon
/// does; a busy database is waited on for up to 10 seconds.
package struct Ledger: Sendable {
    /// Where the rows live: a `DatabasePool` (WAL) for files, a `DatabaseQueue` in memory for tests.
    let writer: any DatabaseWriter

    /// The file name inside the state directory.
    package static let fileName = "ledger.sqlite"

    init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    /// Opens (creating if needed) `<directory>/ledger.sqlite`, migrates it, and verifies WAL and synchronous=FULL.
    package static func open(directory: String) throws(LedgerError) -> Ledger {
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw LedgerError(
                operation: "open", reason: .directory(path: directory, message: error.localizedDescription))
        }
        let path = URL(fileURLWithPath: directory).appendingPathComponent(fileName).path
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB's WAL set-up runs after `prepareDatabase` and lowers the writer to synchronous=NORMAL (a
            // committed claim could then vanish on power loss), so the writer connection is raised back to FULL here
            // and the result is checked below rather than trusted.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            let ledger = Ledger(writer: pool)
            try ledger.prepare(requireWAL: true)
            return ledger
        } catch {
            throw LedgerError(operation: "open", error: error)
        }
    }

    /// A fresh ledger in memory with the real migrator: for tests and `--dry-run` style previews.
    package static func inMemory() throws(LedgerError) -> Ledger {
        do {
            let ledger = Ledger(writer: try DatabaseQueue(configuration: configuration))
            try ledger.prepare(requireWAL: false)
            return ledger
        } catch {
            throw LedgerError(operation: "open in memory", error: error)
        }
    }

    private static var configuration: Configuration {
        var configuration = Configuration()
        configuration.label = "convenor.ledger"
        // Another process (`convenor ledger retry`) may hold the write lock briefly.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return configuration
    }

    /// Migrates, then checks the settings durability depends on.
    private func prepare(requireWAL: Bool) throws {
        let migrator = Ledger.migrator
        try writer.read { db in
            if try migrator.hasBeenSuperseded(db) {
                let unknown = try migrator.appliedIdentifiers(db).subtracting(migrator.migrations).sorted()
                throw LedgerError(operation: "open", reason: .newerSchema(unknownMigrations: unknown))
            }
        }
        try migrator.migrate(writer)
        try writer.writeWithoutTransaction { db in
            let synchronous = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
            guard synchronous == 2 else {
                throw LedgerError(operation: "open", reason: .synchronousNotFull(actual: synchronous))
            }
            if requireWAL {
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? ""
                guard mode.lowercased() == "wal" else {
                    throw LedgerError(operation: "open", reason: .journalModeNotWAL(actual: mode))
                }
            }
        }
    }

    /// Runs one write transaction, turning any error into a `LedgerError` naming the operation.
    func write<T: Sendable>(
        _ operation: String, _ updates: @Sendable (Database) throws -> T
    ) async throws(LedgerError) -> T {
        do {
            return try await writer.write(updates)
        } catch {
            throw LedgerError(operation: operation, error: error)
        }
    }

    /// Runs one read, turning any error into a `LedgerError` naming the operation.
    func read<T: Sendable>(
        _ operation: String, _ value: @Sendable (Database) throws -> T
    ) async throws(LedgerError)
        -> T
    {
        do {
            return try await writer.read(value)
        } catch {
            throw LedgerError(operation: operation, error: error)
        }
    }

    /// The database file's path (empty for an in-memory ledger), for `convenor ledger` and log lines.
    package var path: String { writer.path }

    /// The number of migrations the file has applied; equals `currentSchemaVersion` once opened.
    package func schemaVersion() async throws(LedgerError) -> Int {
        try await read("schema version") { db in try Ledger.migrator.appliedMigrations(db).count }
    }

    /// The durability settings as SQLite reports them on the writing connection: (`journal_mode`, `synchronous`).
    package func durabilitySettings() async throws(LedgerError) -> (journalMode: String, synchronous: Int) {
        do {
            return try await writer.writeWithoutTransaction { db in
                (
                    try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
                    try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
                )
            }
        } catch {
            throw LedgerError(operation: "read settings", error: error)
        }
    }

    /// True when `PRAGMA integrity_check` answers `ok`.
    package func integrityCheck() async throws(LedgerError) -> Bool {
        try await read("integrity check") { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"]
        }
    }

    /// Closes the file; further calls throw. Not needed before exit (SQLite and WAL recover), but tests use it.
    package func close() throws(LedgerError) {
        guard let closable = writer as? DatabasePool else { return }
        do {
            try closable.close()
        } catch {
            throw LedgerError(operation: "close", error: error)
        }
    }
}

import ConvenorCore
import Foundation
import GRDB

/// The ledger in SQLite: one row per mailing key, in `<state_dir>/ledger.sqlite`. It only stores; the rules are
/// `LedgerStateMachine`'s, and the delivery protocol is described on `LedgerStore`'s operations.
///
/// Claims are committed with `synchronous=FULL` in WAL mode before the call returns. Every write is one immediate
/// transaction, so `convenor ledger retry` in another process can run while the daemon does; a busy database is
/// waited on for up to 10 seconds.
package struct SQLiteLedger: Sendable {
    /// Where the rows live: a `DatabasePool` (WAL) for files, a `DatabaseQueue` in memory for tests.
    let writer: any DatabaseWriter

    /// The file name inside the state directory.
    package static let fileName = "ledger.sqlite"

    init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    /// Opens (creating if needed) `<directory>/ledger.sqlite`, migrates it, and verifies WAL and synchronous=FULL.
    package static func open(directory: String) throws(LedgerError) -> SQLiteLedger {
        do {
            try FileManager.default.createDirectory(
                atPath: directory,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw LedgerError(
                operation: "open",
                reason: .directory(path: directory, message: error.localizedDescription)
            )
        }
        let path = URL(fileURLWithPath: directory).appendingPathComponent(fileName).path
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB's WAL set-up runs after `prepareDatabase` and lowers the writer to synchronous=NORMAL (a
            // committed claim could then vanish on power loss), so the writer connection is raised back to FULL here
            // and the result is checked below rather than trusted.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            let ledger = SQLiteLedger(writer: pool)
            try ledger.prepare(requireWAL: true)
            return ledger
        } catch {
            throw LedgerError(operation: "open", error: error)
        }
    }

    /// A fresh ledger in memory with the real migrator: for tests and `--dry-run` style previews.
    package static func inMemory() throws(LedgerError) -> SQLiteLedger {
        do {
            let ledger = SQLiteLedger(writer: try DatabaseQueue(configuration: configuration))
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
        let migrator = SQLiteLedger.migrator
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

    /// Runs one write transaction to completion, turning any error into a `LedgerError` naming the operation.
    ///
    /// The write runs on a thread of its own with GRDB's blocking `write`, so cancelling the calling task cannot
    /// cancel it: at SIGTERM the service group cancels the delivery pass, and an outcome the relay already gave must
    /// still reach the ledger (GRDB's async write threw `CancellationError` there and left rows `claimed`).
    func write<T: Sendable>(
        _ operation: String,
        _ updates: @escaping @Sendable (Database) throws -> T
    ) async throws(LedgerError) -> T {
        let writer = writer
        let result: Result<T, any Error> = await DedicatedThread.run(name: "convenor-ledger") {
            Result { try writer.write(updates) }
        }
        switch result {
        case .success(let value): return value
        case .failure(let error): throw LedgerError(operation: operation, error: error)
        }
    }

    /// Runs one read, turning any error into a `LedgerError` naming the operation.
    func read<T: Sendable>(
        _ operation: String,
        _ value: @Sendable (Database) throws -> T
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
    package var location: String { writer.path }

    /// The number of migrations the file has applied; equals `currentSchemaVersion` once opened.
    package func schemaVersion() async throws(LedgerError) -> Int {
        try await read("schema version") { db in try SQLiteLedger.migrator.appliedMigrations(db).count }
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

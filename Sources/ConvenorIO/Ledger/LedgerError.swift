package import ConvenorCore
import GRDB

/// A ledger operation that failed: which operation, and SQLite's own code or the check that did not hold.
///
/// Like NIO's `IOError(errnoCode:reason:)`, it keeps the raw code for the operator and bug reports. It never holds
/// statement arguments (GRDB keeps them private by default), so it is safe to log.
package struct LedgerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    package enum Reason: Hashable, Sendable {
        /// SQLite returned an error; `code` is the extended result code (`SQLITE_BUSY` = 5, `SQLITE_FULL` = 13 ...).
        case sqlite(code: Int32, message: String?)
        /// The state directory could not be created.
        case directory(path: String, message: String)
        /// `PRAGMA synchronous` read back as something other than FULL (2): a power cut could lose a claim.
        case synchronousNotFull(actual: Int)
        /// `PRAGMA journal_mode` read back as something other than `wal`.
        case journalModeNotWAL(actual: String)
        /// The file was migrated by a newer convenor (migrations this build does not know); it must not write to it.
        case newerSchema(unknownMigrations: [String])
        /// No row exists for the key.
        case unknownMailing(MailingKey)
        /// A stored value could not be read back (a hand-edited row, for instance).
        case unreadableRow(String)
        /// The store was closed before the call.
        case closed
        /// A chair saved a change on the same subject since the page was shown (`latest` is its number).
        case staleChairChange(latest: Int)
        /// PostgreSQL answered with an error (`sqlState` is its five-character SQLSTATE, e.g. `23505`), or the
        /// connection to it failed (`sqlState` nil). Never holds statement arguments or the password.
        case postgres(sqlState: String?, message: String)
        /// A shared ledger's write that this instance may no longer make: its leader lease lapsed, or another
        /// instance claimed the mailing since (issue 20's fencing). Nothing was written.
        case fenced(String)
        /// Any other error thrown while the transaction ran.
        case other(String)
    }

    /// The ledger operation, e.g. `claim`, `open`, `record`.
    package var operation: String
    package var reason: Reason

    package init(operation: String, reason: Reason) {
        self.operation = operation
        self.reason = reason
    }

    /// True when the same write may well succeed if made again in a few seconds: the shared database did not
    /// answer or dropped the connection (no SQLSTATE, class 08), was restarting (57P), or rolled the transaction
    /// back for a conflict (class 40). A fenced write, a full disk or a row that does not exist would fail again.
    package var mayPassOnRetry: Bool {
        guard case .postgres(let state, _) = reason else { return false }
        guard let state else { return true }
        return state.hasPrefix("08") || state.hasPrefix("57P") || state.hasPrefix("40")
    }

    /// Wraps whatever GRDB or a transaction body threw.
    package init(operation: String, error: any Error) {
        self.operation = operation
        switch error {
        case let error as LedgerError:
            self.reason = error.reason
        case let error as DatabaseError:
            self.reason = .sqlite(code: error.extendedResultCode.rawValue, message: error.message)
        default:
            self.reason = .other(String(describing: error))
        }
    }

    /// The SQLite extended result code, when SQLite reported the failure.
    package var sqliteCode: Int32? {
        if case .sqlite(let code, _) = reason { return code }
        return nil
    }

    package var description: String { "ledger \(operation) failed: \(problem)" }

    /// What went wrong, without the operation: for messages that name the ledger themselves.
    package var problem: String {
        let problem: String
        switch reason {
        case .sqlite(let code, let message):
            problem = "SQLite error \(code)" + (message.map { ": \($0)" } ?? "")
        case .directory(let path, let message):
            problem = "cannot create the state directory \(path): \(message)"
        case .synchronousNotFull(let actual):
            problem = "PRAGMA synchronous is \(actual), not FULL (2); refusing to run without durable commits"
        case .journalModeNotWAL(let actual):
            problem = "PRAGMA journal_mode is '\(actual)', not 'wal'"
        case .newerSchema(let unknown):
            problem =
                "the ledger was written by a newer convenor (unknown migrations: \(unknown.joined(separator: ", "))); "
                + "upgrade convenor"
        case .unknownMailing(let key):
            problem = "no ledger row for \(key)"
        case .unreadableRow(let message):
            problem = "unreadable ledger row: \(message)"
        case .closed:
            problem = "the ledger is closed"
        case .staleChairChange(let latest):
            problem = "another change (number \(latest)) was saved meanwhile"
        case .postgres(let sqlState, let message):
            problem = "PostgreSQL" + (sqlState.map { " error \($0)" } ?? "") + ": \(message)"
        case .fenced(let why):
            problem = "fenced: \(why)"
        case .other(let message):
            problem = message
        }
        return problem
    }
}

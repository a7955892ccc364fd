package import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Notices a ledger file deleted or replaced under the running daemon, by its device and inode.
///
/// SQLite keeps writing to the file it opened even after someone deletes it or copies another file over its name,
/// while new connections open whatever is at the path now. Either way the daemon no longer knows what it sent: a
/// fresh ledger would resend everything. So a pass first compares the file at the path with the one opened at start;
/// on a difference it sends nothing, logs at `error` and alerts the operator (at most hourly) until convenor is
/// restarted on a ledger the operator chose.
package final class LedgerFileWatch: Sendable {
    /// The state directory holding `ledger.sqlite`.
    package let directory: String
    private let opened: Identity?
    private let lastAlert = Mutex<Date?>(nil)

    /// Device and inode of a file.
    struct Identity: Hashable, Sendable {
        var device: UInt64
        var inode: UInt64
    }

    /// Remembers the ledger file in `directory` as it is now (call right after opening the ledger).
    package init(directory: String) {
        self.directory = directory
        opened = Self.identity(of: directory + "/" + SQLiteLedger.fileName)
    }

    /// The ledger file's path.
    package var path: String { directory + "/" + SQLiteLedger.fileName }

    /// Nil while the file at the path is the one opened; otherwise what happened to it, in words.
    package func problem() -> String? {
        guard let opened else { return nil }
        guard let now = Self.identity(of: path) else { return "deleted" }
        return now == opened ? nil : "replaced by another file"
    }

    /// True when an alert about it is due: the first time, then at most once an hour.
    package func alertDue(at now: Date) -> Bool {
        lastAlert.withLock { last in
            guard let previous = last, now.timeIntervalSince(previous) < 3600 else {
                last = now
                return true
            }
            return false
        }
    }

    private static func identity(of path: String) -> Identity? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Identity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }
}

import ConvenorCore
import Foundation
import GRDB

extension SQLiteLedger {
    /// Opens an existing `<directory>/ledger.sqlite` read-only, for `preview`; nil when there is none yet.
    ///
    /// Nothing is created, migrated or written: a chair's preview must never change the daemon's state. Reading a
    /// WAL database still needs its `-shm` file (or the right to create it), so a failure is thrown for the caller
    /// to report and carry on without the ledger.
    package static func openReadOnly(directory: String) throws(LedgerError) -> SQLiteLedger? {
        let path = URL(fileURLWithPath: directory).appendingPathComponent(fileName).path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            var configuration = Configuration()
            configuration.label = "convenor.ledger.read-only"
            configuration.readonly = true
            configuration.busyMode = .timeout(10)
            return SQLiteLedger(writer: try DatabaseQueue(path: path, configuration: configuration))
        } catch {
            throw LedgerError(operation: "open read-only", error: error)
        }
    }
}

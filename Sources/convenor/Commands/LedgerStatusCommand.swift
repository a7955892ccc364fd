import ArgumentParser
import ConvenorCore
import ConvenorIO
import Foundation

extension LedgerCommand {
    /// `convenor ledger status`: which store, its schema version, and (for a shared ledger) which instance leads
    /// and until when, so an operator can see a failover happen.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Show the ledger's store, schema version, and which instance leads until when."
        )

        @OptionGroup var config: ConfigOptions
        @OptionGroup var clock: ClockOptions

        func run() async throws {
            let config = try await config.loadValidConfig()
            let now = clock.now
            if config.installation.ledger == nil {
                let directory = config.installation.stateDirectory
                guard let ledger = try? SQLiteLedger.openReadOnly(directory: directory) else {
                    print("store: sqlite \(directory)/\(SQLiteLedger.fileName) (not created yet)")
                    return
                }
                defer { try? ledger.close() }
                print(try await Self.lines(ledger, store: "sqlite", now: now), terminator: "")
                return
            }
            guard let ledger = try await LedgerAccess.openForReading(config) else { return }
            defer { try? ledger.close() }
            print(try await Self.lines(ledger, store: "postgresql", now: now), terminator: "")
        }

        /// The report, one `key: value` line each.
        static func lines(_ ledger: any LedgerReader, store: String, now: Date) async throws -> String {
            var text = "store: \(store) \(ledger.location)\n"
            text +=
                "schema version: \(try await ledger.schemaVersion()) (this convenor writes \(SQLiteLedger.currentSchemaVersion))\n"
            guard let election = ledger as? any LeaderElection else {
                text += "leader: this instance only (an SQLite ledger has one daemon per state_dir)\n"
                return text
            }
            guard let lease = try await election.currentLeader() else {
                text += "leader: none yet (no instance has run against this ledger)\n"
                return text
            }
            let utc = TimeZone(identifier: "UTC")!
            let remaining = Int(lease.expiresAt.timeIntervalSince(now).rounded(.down))
            text += "leader: \(lease.holder) (token \(lease.token), since \(lease.acquiredAt.iso8601(in: utc)))\n"
            text +=
                remaining > 0
                ? "lease: valid until \(lease.expiresAt.iso8601(in: utc)) (\(remaining) s)\n"
                : "lease: expired at \(lease.expiresAt.iso8601(in: utc)); the next instance to renew takes over\n"
            return text
        }
    }
}

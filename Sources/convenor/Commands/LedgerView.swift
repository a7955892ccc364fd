import ConvenorCore
import ConvenorIO
import Foundation

/// The ledger as `preview` and `calendar` see it, read-only: what the list was told, so rescheduled and cancelled
/// notices show before they go and the feed's SEQUENCE matches the mails.
enum LedgerView {
    /// The snapshot of the ledger in `state_dir`, read-only; empty when there is no ledger yet (nothing was ever
    /// announced). A ledger that cannot be read is reported on stderr and treated as empty, so a chair without
    /// access to the state directory still gets a preview.
    static func snapshot(_ config: Config) async -> LedgerSnapshot {
        let place = config.installation.ledger?.location ?? config.installation.stateDirectory
        do {
            guard let ledger = try await LedgerAccess.openForReading(config) else { return LedgerSnapshot() }
            defer { try? ledger.close() }
            return try await ledger.snapshot()
        } catch {
            var standardError = StandardError()
            print(
                "convenor: cannot read the ledger in \(place) (\(error)); rescheduled and cancelled notices "
                    + "are not shown",
                to: &standardError
            )
            return LedgerSnapshot()
        }
    }

    /// What goes out in `[start, end)` as of `now`, through the one road (`Outlook`): the schedule with the
    /// lifecycle of what the ledger says the list was told. Every command that lists or renders mailings uses it.
    static func outlook(_ config: Config, from start: Date, to end: Date, now: Date) async -> Outlook {
        let minutes = MinutesFiles.scan(config)
        return Outlook(
            config: config,
            existingMinutes: minutes.ready,
            snapshot: await snapshot(config),
            from: start,
            to: end,
            now: now,
            draftMinutes: minutes.drafts
        )
    }

    /// One line per mailing a cancellation withdraws, after the summary.
    static func withdrawnLines(_ withdrawn: [Mailing]) -> String {
        withdrawn.map { "not sent, the meeting is cancelled: \($0.key)\n" }.joined()
    }
}

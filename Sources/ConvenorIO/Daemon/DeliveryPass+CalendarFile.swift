import ConvenorCore
import Foundation
import Logging
import Synchronization

/// What the daemon last wrote to `calendar_file:`, so a pass that changes no meeting leaves the file alone.
///
/// Compared without DTSTAMP (the one line that changes at every write), so subscribed calendars and web caches see
/// a new file only when a meeting was added, moved, cancelled or renumbered. In memory: after a restart the file is
/// written once more, which changes nothing a calendar app acts on.
package final class CalendarFileState: Sendable {
    private struct Written: Equatable {
        var path: String
        var fingerprint: String
    }

    private let written = Mutex<Written?>(nil)

    package init() {}

    /// True when `fingerprint` for `path` differs from what was last written there.
    func isStale(path: String, fingerprint: String) -> Bool {
        written.withLock { $0 != Written(path: path, fingerprint: fingerprint) }
    }

    func recordWrite(path: String, fingerprint: String) {
        written.withLock { $0 = Written(path: path, fingerprint: fingerprint) }
    }
}

extension DeliveryPass {
    /// The stamp of the comparison text: any fixed instant, so two feeds differ only where a meeting does.
    private static let fingerprintStamp = Date(timeIntervalSinceReferenceDate: 0)

    /// Rewrites `calendar_file:` (the same feed as `convenor calendar --out`) when a meeting in it changed since the
    /// last write: a date confirmed, moved or cancelled by a chair, or a change notice that raised its SEQUENCE.
    ///
    /// Atomic and durable (`AtomicFile`): a web server publishing the file never serves half of it. A failed write
    /// is logged at `error` and tried again at the next pass.
    func refreshCalendarFile(_ config: Config, existingMinutes: Set<String>, snapshot: LedgerSnapshot, now: Date) {
        guard let path = config.installation.calendarFile else { return }
        let sequences = Outlook.revisions(
            config: config,
            existingMinutes: existingMinutes,
            snapshot: snapshot,
            now: now
        )
        let feed = CalendarFeed(config: config, sequences: sequences)
        let fingerprint = feed.text(stamp: Self.fingerprintStamp)
        guard calendarFile.isStale(path: path, fingerprint: fingerprint) else { return }
        let events = feed.events(stamp: now)
        do {
            try AtomicFile.write(Array(feed.text(stamp: now).utf8), toPath: path)
            calendarFile.recordWrite(path: path, fingerprint: fingerprint)
            logger.notice(
                "calendar file written",
                metadata: [
                    "path": "\(path)", "meetings": "\(events.count)",
                    "cancelled": "\(events.filter { $0.status == .cancelled }.count)",
                ]
            )
        } catch {
            logger.error(
                "cannot write the calendar file; trying again at the next pass",
                metadata: ["path": "\(path)", "error": "\(error)"]
            )
        }
    }
}

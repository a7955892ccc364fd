import ConvenorCore
package import Foundation
import Logging
import Synchronization

/// Says once, at notice, what a first start held back (`FirstStartRule`); later passes say it at debug.
///
/// Shared by every copy of the pass (the daemon copies it per reload), so the daemon and `run --once` print the
/// list on the pass that recorded the first start and never again.
package final class SkipAnnouncement: Sendable {
    private let pending = Mutex(true)

    /// One announcement, still to be made.
    package init() {}

    /// True the first time only.
    func take() -> Bool {
        pending.withLock { pending in
            defer { pending = false }
            return pending
        }
    }
}

extension DeliveryPass {
    /// Logs the mailings a first start skipped: each with its key and due instant, then one line saying why and
    /// how to send them after all. Mailings that were stale before the first start stay at debug (as misses would
    /// be pointless to report, so is their skipping).
    func report(_ skips: [PlannedSkip], rule: FirstStartRule) {
        let held = skips.filter { $0.reason == .dueBeforeFirstStart }
        for skip in skips where skip.reason == .staleBeforeFirstStart {
            logger.debug(
                "not reported: it went stale before convenor first ran",
                metadata: Self.metadata(skip.mailing.key, extra: ["due": "\(Self.utc(skip.mailing.due))"])
            )
        }
        guard !held.isEmpty else { return }
        let loud = skipAnnouncement?.take() ?? false
        let level: Logger.Level = loud ? .notice : .debug
        for skip in held {
            logger.log(
                level: level,
                "skipped: it fell due before convenor first ran",
                metadata: Self.metadata(skip.mailing.key, extra: ["due": "\(Self.utc(skip.mailing.due))"])
            )
        }
        let earliest = held.map { LocalDate(instant: $0.mailing.due, in: $0.mailing.timeZone) }.min()!
        let count = held.count == 1 ? "1 mailing" : "\(held.count) mailings"
        logger.log(
            level: level,
            """
            first start: \(count) not sent because \(held.count == 1 ? "it" : "they") fell due more than \
            \(Self.graceText(rule.grace)) (first_start_grace) before convenor first ran on \(Self.utc(rule.firstStart)); \
            to send \(held.count == 1 ? "it" : "them"), run `convenor run --catch-up \(earliest)` or set \
            `catch_up_since: \(earliest)` in convenor.yaml
            """
        )
    }

    /// `2026-12-01 22:29 UTC`.
    static func utc(_ instant: Date) -> String {
        let wall = LocalDateTime(instant: instant, in: TimeZone(identifier: "UTC")!)
        return "\(wall.date) \(wall.time) UTC"
    }

    /// `1 day`, `2 days`, `12 hours`, `90 minutes`.
    package static func graceText(_ grace: TimeInterval) -> String {
        let minutes = Int(grace / 60)
        func plural(_ number: Int, _ unit: String) -> String { "\(number) \(unit)\(number == 1 ? "" : "s")" }
        if minutes % 1440 == 0 { return plural(minutes / 1440, "day") }
        if minutes % 60 == 0 { return plural(minutes / 60, "hour") }
        return plural(minutes, "minute")
    }
}

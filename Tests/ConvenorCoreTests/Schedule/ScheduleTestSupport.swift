import ConvenorCore
import ConvenorTesting
import Foundation
import Testing

/// Shorthands the schedule suites share: instants from ISO text and one-line summaries of mailings.
enum ScheduleTestSupport {
    /// An instant from ISO 8601 with an offset (`2026-10-15T09:00:00+01:00` or `...Z`).
    static func instant(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text), "bad test instant \(text)")
    }

    /// The group's mailings due in `[from, to)` (ISO dates, read as UTC midnight).
    static func mailings(
        _ group: Group,
        from: String = "2026-01-01",
        to: String = "2028-01-01",
        minutes: Set<String> = [],
        installation: Installation = ConfigFixtures.installation()
    ) throws -> [Mailing] {
        let scheduler = Scheduler(
            config: ConfigFixtures.config(installation: installation, groups: [group]),
            existingMinutes: minutes
        )
        return scheduler.mailings(from: try instant(from + "T00:00:00Z"), to: try instant(to + "T00:00:00Z"))
    }

    /// `agenda 2026-10 2026-11-05T09:00:00+00:00`: kind, occurrence and due as the group's zone shows it.
    static func summary(_ mailing: Mailing) -> String {
        "\(mailing.key.kind.rawValue) \(mailing.key.occurrence) \(mailing.due.iso8601(in: mailing.timeZone))"
    }

    /// The due time (ISO with offset) of the only mailing of `kind`, or nil when there is none or several.
    static func due(_ kind: MailingKind, in mailings: [Mailing]) -> String? {
        let matching = mailings.filter { $0.key.kind == kind }
        guard matching.count == 1 else { return nil }
        return matching[0].due.iso8601(in: matching[0].timeZone)
    }
}

package import Foundation

/// What `convenor schedule` prints: an aligned table for people, or JSON for scripts.
///
/// Both are pure functions of the mailings, so the same schedule always prints the same bytes.
package enum ScheduleReport {
    /// One line per mailing under a header, columns aligned: due (local, weekday, zone), group, kind, occurrence,
    /// audience, what it concerns (the meeting's local start or the window), recipients; then, for mail the planner
    /// holds for working hours (`held`, from `LateMailRule.notes`), when it really goes.
    package static func table(_ mailings: [Mailing], held: [MailingKey: String] = [:]) -> String {
        guard !mailings.isEmpty else { return "No mailings in this period.\n" }
        let header = ["DUE", "GROUP", "KIND", "OCCURRENCE", "AUDIENCE", "CONCERNS", "TO"]
        let rows = mailings.map { mailing in
            [
                localText(mailing.due, in: mailing.timeZone), mailing.key.group, mailing.key.kind.rawValue,
                mailing.key.occurrence, mailing.audience.rawValue, concerns(mailing),
                mailing.recipients.joined(separator: ", "),
            ]
        }
        return AlignedTable.render([header] + rows) + PreviewReport.heldLines(mailings.map(\.key), held: held)
    }

    /// A JSON array, one object per mailing with keys in sorted order; instants are ISO 8601 with the group's UTC
    /// offset at that instant (`2026-10-15T09:00:00+01:00`).
    ///
    /// Keys: `audience`, `candidates` (confirm-date only), `due`, `group`, `key`, `kind`, `meeting` (meeting
    /// mailings only), `occurrence`, `sends` (only for late mail held for working hours: when it really goes), `to`,
    /// `valid_until`, `window` (`2026-10-01..2026-11-30`, where relevant).
    package static func json(_ mailings: [Mailing], held: [MailingKey: Date] = [:]) -> String {
        guard !mailings.isEmpty else { return "[]\n" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every field is a String or [String], which JSONEncoder cannot fail on.
        let entries = mailings.map { mailing in
            var entry = Entry(mailing)
            entry.sends = held[mailing.key]?.iso8601(in: mailing.timeZone)
            return entry
        }
        let data = (try? encoder.encode(entries)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The JSON shape of one mailing.
    struct Entry: Encodable {
        var audience: String
        var candidates: [String]?
        var due: String
        var group: String
        var key: String
        var kind: String
        var meeting: String?
        var occurrence: String
        var sends: String?
        var to: [String]
        var validUntil: String
        var window: String?

        enum CodingKeys: String, CodingKey {
            case audience, candidates, due, group, key, kind, meeting, occurrence, sends, to, window
            case validUntil = "valid_until"
        }

        init(_ mailing: Mailing) {
            let zone = mailing.timeZone
            audience = mailing.audience.rawValue
            candidates =
                mailing.key.kind == .confirmDate
                ? mailing.candidates.map { $0.instant(in: zone).iso8601(in: zone) } : nil
            due = mailing.due.iso8601(in: zone)
            group = mailing.key.group
            key = mailing.key.description
            kind = mailing.key.kind.rawValue
            meeting = mailing.meeting?.startInstant.iso8601(in: zone)
            occurrence = mailing.key.occurrence
            to = mailing.recipients
            validUntil = mailing.validUntil.iso8601(in: zone)
            window = mailing.window.map { "\($0.firstDay)..\($0.lastDay)" }
        }
    }

    /// `Thu 2026-10-15 09:00 BST`.
    static func localText(_ instant: Date, in zone: TimeZone) -> String {
        let local = LocalDateTime(instant: instant, in: zone)
        return "\(local.date.weekday.name.prefix(3)) \(local) \(zone.readableAbbreviation(for: instant))"
    }

    /// The meeting's local start, or the window a confirm-date nudge is about, or `-`.
    static func concerns(_ mailing: Mailing) -> String {
        if let meeting = mailing.meeting {
            return "meeting " + localText(meeting.startInstant, in: mailing.timeZone)
        }
        if let window = mailing.window {
            return "window \(window.window) \(window.firstDay.year)"
        }
        return "-"
    }
}

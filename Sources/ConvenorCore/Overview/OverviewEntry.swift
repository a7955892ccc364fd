package import Foundation

/// One line of a group's year at a glance: a mailing going out, or the meeting itself.
///
/// Entries carry the local wall time and zone abbreviation already worked out, so the text and HTML renderings show
/// the same times and neither needs the zone rules again.
package struct OverviewEntry: Hashable, Sendable {
    /// What happens at that moment.
    package enum Subject: Hashable, Sendable {
        /// A mailing of this kind goes out to this audience.
        case mailing(MailingKind, Audience)
        /// The group meets (or would have: `cancelled`).
        case meeting(cancelled: Bool)
    }

    /// A mailing or the meeting.
    package var subject: Subject
    /// The instant it happens: a mailing's due time or a meeting's start.
    package var instant: Date
    /// The wall time in the group's zone.
    package var local: LocalDateTime
    /// `GMT`, `BST`, `EST`…: the group's zone at that instant.
    package var zoneAbbreviation: String
    /// What it concerns, in words: "meeting Thu 12 Nov 14:00 GMT", "the Feb 2027 window, no date yet".
    package var about: String
    /// A meeting's agenda items: the HTML page lists them, the text counts them to keep lines short.
    package var agenda: [String]

    /// An entry with its local time already worked out by the caller.
    package init(
        subject: Subject,
        instant: Date,
        local: LocalDateTime,
        zoneAbbreviation: String,
        about: String,
        agenda: [String] = []
    ) {
        self.subject = subject
        self.instant = instant
        self.local = local
        self.zoneAbbreviation = zoneAbbreviation
        self.about = about
        self.agenda = agenda
    }

    /// `agenda`, `confirm-date`, or `meeting` / `meeting (cancelled)`: the config's own names, so chairs can look
    /// them up under `mailings:`.
    package var label: String {
        switch subject {
        case .mailing(let kind, _): kind.rawValue
        case .meeting(let cancelled): cancelled ? "meeting (cancelled)" : "meeting"
        }
    }

    /// Who receives it, in words; nil for the meeting itself.
    package var audienceText: String? {
        guard case .mailing(_, let audience) = subject else { return nil }
        return Self.words(for: audience)
    }

    /// `Thu 15 Oct 09:00 BST`.
    package var whenText: String {
        "\(local.date.shortText) \(local.time) \(zoneAbbreviation)"
    }

    /// "the list", "the chairs"…: how the overview names an audience.
    package static func words(for audience: Audience) -> String {
        switch audience {
        case .list: "the list"
        case .chairs: "the chairs"
        case .chairsAndLiaison: "chairs and liaison"
        case .wider: "wider lists"
        case .operator: "the operator"
        }
    }
}

extension LocalDate {
    /// `Thu 15 Oct`: enough inside a month heading.
    package var shortText: String {
        "\(weekday.name.prefix(3)) \(day) \(MonthWindow.monthAbbreviations[month - 1])"
    }

    /// `Thu 15 Oct 2026`.
    package var mediumText: String { "\(shortText) \(year)" }

    /// `October 2026`.
    package var monthTitle: String { "\(MonthWindow.monthNames[month - 1]) \(year)" }

    /// The first day of this day's month.
    package var monthStart: LocalDate { LocalDate(year: year, month: month, day: 1)! }
}

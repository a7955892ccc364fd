package import Foundation

/// The stable identity of one mailing: group, kind, occurrence and revision.
///
/// Occurrence keys are readable and stable: a window's first month (`2026-10` for Oct-Nov 2026), an extra
/// meeting's date (`2026-12-03`), a call-for-members or tor-review date. The revision starts at 0 and is raised when
/// the facts a mailing reports change after the list has been told (the lifecycle issue). The Message-ID is derived
/// from this key, so a restart or a resend produces the same one.
package struct MailingKey: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    package var group: String
    package var kind: MailingKind
    package var occurrence: String
    package var revision: Int

    package init(group: String, kind: MailingKind, occurrence: String, revision: Int = 0) {
        self.group = group
        self.kind = kind
        self.occurrence = occurrence
        self.revision = revision
    }

    /// `customer-services-cop/agenda/2026-10/0`: the spelling `ledger retry KEY` accepts.
    package var description: String { "\(group)/\(kind.rawValue)/\(occurrence)/\(revision)" }

    /// Parses `group/kind/occurrence[/revision]`.
    package init?(text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (3...4).contains(parts.count), !parts[0].isEmpty, !parts[2].isEmpty,
            let kind = MailingKind(rawValue: parts[1])
        else { return nil }
        let revision = parts.count == 4 ? Int(parts[3]) : 0
        guard let revision, revision >= 0 else { return nil }
        self.init(group: parts[0], kind: kind, occurrence: parts[2], revision: revision)
    }

    package static func < (lhs: MailingKey, rhs: MailingKey) -> Bool {
        (lhs.group, lhs.occurrence, lhs.kind, lhs.revision) < (rhs.group, rhs.occurrence, rhs.kind, rhs.revision)
    }
}

/// A meeting as a mailing refers to it: wall time and the instants it resolves to in the group's zone.
package struct ScheduledMeeting: Hashable, Sendable {
    package var start: LocalDateTime
    /// The instant the meeting starts (DST gaps and overlaps resolved).
    package var startInstant: Date
    package var endInstant: Date
    package var lengthMinutes: Int
    package var place: Place
    package var agenda: [String]
    package var minutesPath: String?
    /// The window the meeting belongs to, or nil for an extra meeting outside every window.
    package var window: MonthWindow?

    package init(
        start: LocalDateTime,
        startInstant: Date,
        endInstant: Date,
        lengthMinutes: Int,
        place: Place,
        agenda: [String],
        minutesPath: String?,
        window: MonthWindow?
    ) {
        self.start = start
        self.startInstant = startInstant
        self.endInstant = endInstant
        self.lengthMinutes = lengthMinutes
        self.place = place
        self.agenda = agenda
        self.minutesPath = minutesPath
        self.window = window
    }
}

/// A window in one particular year: Oct-Nov 2026 runs from 2026-10-01 to 2026-11-30.
package struct WindowOccurrence: Hashable, Sendable {
    package var window: MonthWindow
    package var firstDay: LocalDate
    package var lastDay: LocalDate

    package init(window: MonthWindow, firstDay: LocalDate, lastDay: LocalDate) {
        self.window = window
        self.firstDay = firstDay
        self.lastDay = lastDay
    }

    /// The occurrence key: the window's first month, `2026-10`.
    package var key: String { String(firstDay.description.prefix(7)) }
}

/// One email of one kind for one occurrence, due at a computed instant: the schedule's output.
package struct Mailing: Hashable, Sendable {
    package var key: MailingKey
    /// When it should go out (send_time local on a working day).
    package var due: Date
    /// After this instant it is stale and must not go out (recorded `missed`).
    package var validUntil: Date
    package var audience: Audience
    /// Envelope and To recipients.
    package var recipients: [String]
    /// The group's zone, for printing `due` and meeting times.
    package var timeZone: TimeZone
    /// The meeting the mailing concerns, if any.
    package var meeting: ScheduledMeeting?
    /// The window the mailing concerns (confirm-date, and meeting mailings inside a window).
    package var window: WindowOccurrence?
    /// Candidate dates for confirm-date.
    package var candidates: [LocalDateTime]
    /// For a `rescheduled` notice: the meeting as the list was last told it (the "Was:" line). Set by `Lifecycle`.
    package var previousMeeting: ScheduledMeeting?
    /// For a `cancelled` notice: the chairs' `reason:`. Set by `Lifecycle`.
    package var cancellationReason: String?
    /// For a minutes-chase: where a draft of the minutes was found (a file marked `draft: true`, or the chairs'
    /// web), nil when there is none (`MinutesDraft`).
    package var minutesDraft: String?
    /// For a confirm-date: which reminder this is for its window (from 1), and how many the window gets at most
    /// (`confirm_date_asks:`, fewer when the window's last proposed date comes first). Set by the scheduler.
    package var reminderNumber: Int?
    package var reminderCount: Int?

    package init(
        key: MailingKey,
        due: Date,
        validUntil: Date,
        audience: Audience,
        recipients: [String],
        timeZone: TimeZone,
        meeting: ScheduledMeeting? = nil,
        window: WindowOccurrence? = nil,
        candidates: [LocalDateTime] = [],
        previousMeeting: ScheduledMeeting? = nil,
        cancellationReason: String? = nil
    ) {
        self.key = key
        self.due = due
        self.validUntil = validUntil
        self.audience = audience
        self.recipients = recipients
        self.timeZone = timeZone
        self.meeting = meeting
        self.window = window
        self.candidates = candidates
        self.previousMeeting = previousMeeting
        self.cancellationReason = cancellationReason
    }
}

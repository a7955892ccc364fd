/// The kinds of mail convenor sends; raw values are the names used in config, templates and ledger keys.
package enum MailingKind: String, CaseIterable, Hashable, Sendable, Codable, Comparable {
    case callForMembers = "call-for-members"
    case announcement
    case callForAgenda = "call-for-agenda"
    case agenda
    case reminder
    case minutes
    case confirmDate = "confirm-date"
    case minutesChase = "minutes-chase"
    case torReview = "tor-review"
    case rescheduled
    case cancelled

    /// Who receives this kind by default (PRODUCT.md's table).
    package var audience: Audience {
        switch self {
        case .callForMembers: .wider
        case .announcement, .callForAgenda, .agenda, .reminder, .minutes, .rescheduled, .cancelled: .list
        case .confirmDate, .minutesChase: .chairs
        case .torReview: .chairsAndLiaison
        }
    }

    /// Whether the mail carries a calendar (text/calendar part and .ics attachment).
    package var carriesCalendar: Bool {
        switch self {
        case .announcement, .agenda, .rescheduled, .cancelled: true
        default: false
        }
    }

    /// Order of a meeting's list mailings; a later one due supersedes an earlier one not yet sent.
    package var meetingSequence: Int? {
        switch self {
        case .announcement: 0
        case .callForAgenda: 1
        case .agenda: 2
        case .reminder: 3
        default: nil
        }
    }

    package static func < (lhs: MailingKind, rhs: MailingKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Who a mailing goes to.
package enum Audience: String, Hashable, Sendable, Codable {
    /// The group's mailing list.
    case list
    /// The chairs only (nudges such as confirm-date).
    case chairs
    /// Chairs and the steering-group liaison (terms-of-reference review).
    case chairsAndLiaison = "chairs+liaison"
    /// Lists beyond the group (call for members to the Board and Leaders' Network).
    case wider
    /// The installation's operator (alerts).
    case `operator`

    /// Mail to people rather than a list is marked `Auto-Submitted: auto-generated`; list posts are not, because
    /// Sympa silently drops them.
    package var isAutomatedNotice: Bool {
        switch self {
        case .chairs, .chairsAndLiaison, .operator: true
        case .list, .wider: false
        }
    }
}

/// When a kind of mailing goes out, as written under `mailings:`.
package enum MailingTiming: Hashable, Sendable, CustomStringConvertible {
    /// `off`: never sent.
    case off
    /// `28 days before` (the meeting).
    case before(CalendarSpan)
    /// `14 days after` (the meeting).
    case after(CalendarSpan)
    /// `8 weeks before window`: before the first day of a meeting window.
    case beforeWindow(CalendarSpan)
    /// `12 months after update`: after the terms of reference were last updated.
    case afterUpdate(CalendarSpan)

    package var description: String {
        switch self {
        case .off: "off"
        case .before(let span): "\(span) before"
        case .after(let span): "\(span) after"
        case .beforeWindow(let span): "\(span) before window"
        case .afterUpdate(let span): "\(span) after update"
        }
    }

    /// The installation defaults from PRODUCT.md, used where convenor.yaml says nothing.
    package static let defaults: [MailingKind: MailingTiming] = [
        .announcement: .before(CalendarSpan(days: 28)),
        .callForAgenda: .before(CalendarSpan(days: 21)),
        .agenda: .before(CalendarSpan(days: 7)),
        .reminder: .off,
        .confirmDate: .beforeWindow(CalendarSpan(days: 56)),
        .minutesChase: .after(CalendarSpan(days: 14)),
        .torReview: .afterUpdate(CalendarSpan(months: 12)),
    ]
}

/// The kinds of mail convenor sends; raw values are the names used in config, templates and ledger keys.
///
/// A new kind is a case here and its descriptor below, `templates/KIND.mustache` (embedded into the binary, so
/// installed templates folders without it keep working) and its line in templates/README.md. Nothing else switches
/// over kinds: the scheduler, lifecycle, template schema, checker and config parser read the descriptor.
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
    package var audience: Audience { descriptor.audience }

    /// Whether the mail carries a calendar (text/calendar part and .ics attachment).
    package var carriesCalendar: Bool { descriptor.carriesCalendar }

    /// Order of a meeting's list mailings; a later one due supersedes an earlier one not yet sent.
    package var meetingSequence: Int? { descriptor.meetingSequence }

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

    /// The installation defaults from PRODUCT.md (each kind's descriptor), used where convenor.yaml says nothing.
    package static let defaults: [MailingKind: MailingTiming] = Dictionary(
        uniqueKeysWithValues: MailingKind.allCases.compactMap { kind in kind.descriptor.defaultTiming.map { (kind, $0) }
        }
    )
}

extension MailingKind {
    /// What this kind is, when it goes, to whom, and the template convenor ships for it.
    package var descriptor: MailingKindDescriptor {
        switch self {
        case .callForMembers:
            MailingKindDescriptor(
                audience: .wider,
                anchor: .callForMembersDates,
                defaultTiming: nil,
                timingExample: "off",
                validity: CalendarSpan(days: 30),
                carriesCalendar: false,
                meetingSequence: nil,
                concernsMeeting: false,
                defaultTemplate: PackageResources.call_for_members_mustache
            )
        case .announcement:
            MailingKindDescriptor(
                audience: .list,
                anchor: .beforeMeeting,
                defaultTiming: .before(CalendarSpan(days: 28)),
                timingExample: "28 days before",
                validity: nil,
                carriesCalendar: true,
                meetingSequence: 0,
                concernsMeeting: true,
                defaultTemplate: PackageResources.announcement_mustache
            )
        case .callForAgenda:
            MailingKindDescriptor(
                audience: .list,
                anchor: .beforeMeeting,
                defaultTiming: .before(CalendarSpan(days: 21)),
                timingExample: "21 days before",
                validity: nil,
                carriesCalendar: false,
                meetingSequence: 1,
                concernsMeeting: true,
                defaultTemplate: PackageResources.call_for_agenda_mustache
            )
        case .agenda:
            MailingKindDescriptor(
                audience: .list,
                anchor: .beforeMeeting,
                defaultTiming: .before(CalendarSpan(days: 7)),
                timingExample: "7 days before",
                validity: nil,
                carriesCalendar: true,
                meetingSequence: 2,
                concernsMeeting: true,
                defaultTemplate: PackageResources.agenda_mustache
            )
        case .reminder:
            MailingKindDescriptor(
                audience: .list,
                anchor: .beforeMeeting,
                defaultTiming: .off,
                timingExample: "1 day before",
                validity: nil,
                carriesCalendar: false,
                meetingSequence: 3,
                concernsMeeting: true,
                defaultTemplate: PackageResources.reminder_mustache
            )
        case .minutes:
            MailingKindDescriptor(
                audience: .list,
                anchor: .minutesFile,
                defaultTiming: nil,
                timingExample: "off",
                validity: CalendarSpan(days: 60),
                carriesCalendar: false,
                meetingSequence: nil,
                concernsMeeting: true,
                defaultTemplate: PackageResources.minutes_mustache
            )
        case .confirmDate:
            MailingKindDescriptor(
                audience: .chairs,
                anchor: .beforeWindow,
                defaultTiming: .beforeWindow(CalendarSpan(days: 56)),
                timingExample: "8 weeks before window",
                validity: nil,
                carriesCalendar: false,
                meetingSequence: nil,
                concernsMeeting: false,
                defaultTemplate: PackageResources.confirm_date_mustache
            )
        case .minutesChase:
            MailingKindDescriptor(
                audience: .chairs,
                anchor: .afterMeeting(.noMinutes),
                defaultTiming: .after(CalendarSpan(days: 14)),
                timingExample: "14 days after",
                validity: CalendarSpan(days: 30),
                carriesCalendar: false,
                meetingSequence: nil,
                concernsMeeting: true,
                defaultTemplate: PackageResources.minutes_chase_mustache
            )
        case .torReview:
            MailingKindDescriptor(
                audience: .chairsAndLiaison,
                anchor: .afterUpdate,
                defaultTiming: .afterUpdate(CalendarSpan(months: 12)),
                timingExample: "12 months after update",
                validity: CalendarSpan(days: 30),
                carriesCalendar: false,
                meetingSequence: nil,
                concernsMeeting: false,
                defaultTemplate: PackageResources.tor_review_mustache
            )
        case .rescheduled:
            MailingKindDescriptor(
                audience: .list,
                anchor: .lifecycleNotice,
                defaultTiming: nil,
                timingExample: "off",
                validity: nil,
                carriesCalendar: true,
                meetingSequence: nil,
                concernsMeeting: true,
                defaultTemplate: PackageResources.rescheduled_mustache
            )
        case .cancelled:
            MailingKindDescriptor(
                audience: .list,
                anchor: .lifecycleNotice,
                defaultTiming: nil,
                timingExample: "off",
                validity: nil,
                carriesCalendar: true,
                meetingSequence: nil,
                concernsMeeting: true,
                defaultTemplate: PackageResources.cancelled_mustache
            )
        }
    }
}

/// Everything convenor knows about one kind of mailing, in one place.
///
/// The scheduler, the lifecycle, the template schema and checker, the overview and the config parser read these
/// fields instead of switching over `MailingKind`, so a new kind (say "a feedback survey 3 days after each
/// meeting") touches three files: `MailingKind.swift` (its case and descriptor), its default template in
/// `templates/` and its line in `templates/README.md`.
package struct MailingKindDescriptor: Sendable {
    /// What the kind's due date is counted from.
    package enum Anchor: Hashable, Sendable {
        /// `N days before` a confirmed meeting, for as long as it is in the future.
        case beforeMeeting
        /// `N days after` a confirmed meeting.
        case afterMeeting(Condition)
        /// Sent once the meeting's minutes file is there (send time on the first working day after the meeting).
        case minutesFile
        /// `N weeks before window`: a window with no confirmed meeting.
        case beforeWindow
        /// `N months after update` of the terms of reference.
        case afterUpdate
        /// The dates under a group's `call_for_members:`.
        case callForMembersDates
        /// Sent by the lifecycle when the list was told of a meeting that then changed.
        case lifecycleNotice
    }

    /// When an `afterMeeting` kind is wanted.
    package enum Condition: Hashable, Sendable {
        /// Every meeting.
        case always
        /// Only while the meeting has no ready minutes (the minutes mailing takes its place).
        case noMinutes
    }

    /// Who receives it by default (PRODUCT.md's table).
    package var audience: Audience
    package var anchor: Anchor
    /// Its timing where convenor.yaml says nothing; nil for kinds `mailings:` does not time.
    package var defaultTiming: MailingTiming?
    /// The value a fix shows for it under `mailings:` (`28 days before`; `off` for kinds that are not timed).
    package var timingExample: String
    /// How long after its due time it is still worth sending; nil when it is valid until the meeting starts
    /// (meeting mail) or its own rule says (minutes, lifecycle notices).
    package var validity: CalendarSpan?
    /// Whether the mail carries a calendar (text/calendar part and .ics attachment).
    package var carriesCalendar: Bool
    /// Order of a meeting's list mailings; a later one due supersedes an earlier one not yet sent.
    package var meetingSequence: Int?
    /// Whether its template gets `meeting` and it follows a meeting's revision (rescheduled, cancelled).
    package var concernsMeeting: Bool
    /// The template convenor ships for it: `templates/KIND.mustache`, embedded at build time.
    package var defaultTemplate: [UInt8]

    /// The timing form `mailings:` accepts for it, from its anchor; nil for kinds that are not timed there.
    var timingForm: DurationText.Form? {
        guard defaultTiming != nil else { return nil }
        switch anchor {
        case .beforeMeeting: return .before
        case .afterMeeting: return .after
        case .beforeWindow: return .beforeWindow
        case .afterUpdate: return .afterUpdate
        case .minutesFile, .callForMembersDates, .lifecycleNotice: return nil
        }
    }
}

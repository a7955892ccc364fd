import Foundation

// Mailings about one confirmed meeting: the list mailings before it, and minutes or a chase to the chairs after it.

extension Scheduler {
    /// The kinds timed `N days before` a meeting, in the order members receive them.
    static let beforeMeetingKinds: [MailingKind] = MailingKind.allCases
        .filter { $0.descriptor.anchor == .beforeMeeting }
        .sorted { ($0.meetingSequence ?? .max, $0) < ($1.meetingSequence ?? .max, $1) }

    /// The kinds timed `N days after` a meeting, with when each is wanted.
    static let afterMeetingKinds: [(MailingKind, MailingKindDescriptor.Condition)] = MailingKind.allCases
        .compactMap { kind in
            guard case .afterMeeting(let condition) = kind.descriptor.anchor else { return nil }
            return (kind, condition)
        }

    /// How long a kind stays worth sending after its due day (30 days when its descriptor says nothing).
    static func validity(of kind: MailingKind) -> CalendarSpan {
        kind.descriptor.validity ?? CalendarSpan(days: 30)
    }

    /// Every mailing about one meeting; none for a cancelled one (the lifecycle issue sends its notice).
    func meetingMailings(for occurrence: MeetingOccurrence, in group: Group) -> [Mailing] {
        guard !occurrence.meeting.cancelled else { return [] }
        var result: [Mailing?] = Self.beforeMeetingKinds.map { listMailing($0, for: occurrence, in: group) }
        let hasMinutes = occurrence.meeting.minutesPath.map(existingMinutes.contains) ?? false
        if hasMinutes { result.append(minutesMailing(for: occurrence, in: group)) }
        let draft = draftMinutes[MinutesDraft.key(group: group.id, occurrence: occurrence.occurrence)]
        for (kind, condition) in Self.afterMeetingKinds where condition == .always || !hasMinutes {
            var mailing = afterMeetingMailing(kind, for: occurrence, in: group)
            if kind == .minutesChase { mailing?.minutesDraft = draft }
            result.append(mailing)
        }
        return result.compactMap { $0 }
    }

    /// `28 days before` and the like: send time on that day (or the working day before), valid until the start.
    ///
    /// Skipped when the kind is off, or when moving to a working day would put it at or after the start.
    func listMailing(_ kind: MailingKind, for occurrence: MeetingOccurrence, in group: Group) -> Mailing? {
        guard case .before(let span) = group.timing(for: kind),
            case let (_, due)? = sendInstant(onOrBefore: occurrence.meeting.start.subtracting(span).date, in: group),
            due < occurrence.startInstant
        else { return nil }
        return mailing(
            kind,
            occurrence.occurrence,
            of: group,
            due: due,
            validUntil: occurrence.startInstant,
            meeting: occurrence.scheduled,
            window: occurrence.window
        )
    }

    /// Minutes go to the list at send time on the first working day after the meeting ends.
    ///
    /// "After" means the first send time at or after the end: a meeting over by 09:00 sends them that day, one that
    /// ends later sends them the next working day. Valid 60 days after the meeting, so minutes dropped in months
    /// later are recorded as missed rather than mailed stale. Nil only when no working day follows within a year.
    func minutesMailing(for occurrence: MeetingOccurrence, in group: Group) -> Mailing? {
        let end = LocalDateTime(instant: occurrence.endInstant, in: group.timeZone)
        let firstDay = end.time > config.installation.sendTime ? end.date.adding(days: 1) : end.date
        guard let day = config.installation.nextWorkingDay(onOrAfter: firstDay) else { return nil }
        let validUntil = end.adding(Self.validity(of: .minutes)).instant(in: group.timeZone)
        return mailing(
            .minutes,
            occurrence.occurrence,
            of: group,
            due: sendInstant(on: day, in: group),
            validUntil: validUntil,
            meeting: occurrence.scheduled,
            window: occurrence.window
        )
    }

    /// `14 days after` a meeting that has no minutes file: a nudge to the chairs, valid 30 days.
    func minutesChase(for occurrence: MeetingOccurrence, in group: Group) -> Mailing? {
        afterMeetingMailing(.minutesChase, for: occurrence, in: group)
    }

    /// `N days after` a meeting, valid for the kind's validity from its due day.
    ///
    /// The due day follows the same previous-working-day rule as every other kind; one that would fall before the
    /// meeting has even ended (a tiny span and a weekend) is dropped.
    func afterMeetingMailing(_ kind: MailingKind, for occurrence: MeetingOccurrence, in group: Group) -> Mailing? {
        guard case .after(let span) = group.timing(for: kind),
            case let (day, due)? = sendInstant(onOrBefore: occurrence.meeting.start.adding(span).date, in: group),
            due >= occurrence.endInstant
        else { return nil }
        let validUntil = LocalDateTime(date: day, time: config.installation.sendTime).adding(Self.validity(of: kind))
            .instant(in: group.timeZone)
        return mailing(
            kind,
            occurrence.occurrence,
            of: group,
            due: due,
            validUntil: validUntil,
            meeting: occurrence.scheduled,
            window: occurrence.window
        )
    }
}

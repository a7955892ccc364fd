import Foundation

// Mailings about one confirmed meeting: the list mailings before it, and minutes or a chase to the chairs after it.

extension Scheduler {
    /// The list mailings that lead up to a meeting, in the order members receive them.
    static let listKinds: [MailingKind] = [.announcement, .callForAgenda, .agenda, .reminder]

    /// How long minutes stay worth sending after the meeting.
    static let minutesValidity = CalendarSpan(days: 60)

    /// How long a nudge to chairs (minutes-chase, tor-review) or a call for members stays worth sending.
    static let noticeValidity = CalendarSpan(days: 30)

    /// Every mailing about one meeting; none for a cancelled one (the lifecycle issue sends its notice).
    func meetingMailings(for occurrence: MeetingOccurrence, in group: Group) -> [Mailing] {
        guard !occurrence.meeting.cancelled else { return [] }
        var result: [Mailing?] = Self.listKinds.map { listMailing($0, for: occurrence, in: group) }
        if let path = occurrence.meeting.minutesPath, existingMinutes.contains(path) {
            result.append(minutesMailing(for: occurrence, in: group))
        } else {
            result.append(minutesChase(for: occurrence, in: group))
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
            kind, occurrence.occurrence, of: group, due: due, validUntil: occurrence.startInstant,
            meeting: occurrence.scheduled, window: occurrence.window)
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
        let validUntil = end.adding(Self.minutesValidity).instant(in: group.timeZone)
        return mailing(
            .minutes, occurrence.occurrence, of: group, due: sendInstant(on: day, in: group), validUntil: validUntil,
            meeting: occurrence.scheduled, window: occurrence.window)
    }

    /// `14 days after` a meeting that has no minutes file: a nudge to the chairs, valid 30 days.
    ///
    /// The due day follows the same previous-working-day rule as every other kind; a chase that would fall before
    /// the meeting has even ended (a tiny span and a weekend) is dropped.
    func minutesChase(for occurrence: MeetingOccurrence, in group: Group) -> Mailing? {
        guard case .after(let span) = group.timing(for: .minutesChase),
            case let (day, due)? = sendInstant(onOrBefore: occurrence.meeting.start.adding(span).date, in: group),
            due >= occurrence.endInstant
        else { return nil }
        let validUntil = LocalDateTime(date: day, time: config.installation.sendTime).adding(Self.noticeValidity)
            .instant(in: group.timeZone)
        return mailing(
            .minutesChase, occurrence.occurrence, of: group, due: due, validUntil: validUntil,
            meeting: occurrence.scheduled, window: occurrence.window)
    }
}

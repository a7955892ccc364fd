package import Foundation

extension AnnouncedOccurrence {
    /// The facts a mailing told the list once it is sent: what the daemon passes as `LedgerStore.record(..., announcing:)`.
    ///
    /// Only mail that carries the meeting's calendar (announcement, agenda, rescheduled, cancelled) tells the list
    /// the facts a calendar client keeps; every other kind returns nil and leaves the stored facts alone. The sequence
    /// is the mailing's revision, because every calendar of an occurrence carries its revision as SEQUENCE (see
    /// `Lifecycle`). A cancelled notice stores the facts it cancelled under its higher sequence, so a later
    /// `cancelled: false` is seen as a change.
    ///
    /// - Parameters:
    ///   - domain: the From address's domain, from which the calendar's UID is made.
    ///   - now: when it was sent.
    package init?(announcing mailing: Mailing, domain: String, at now: Date) {
        guard mailing.key.kind.carriesCalendar, mailing.audience == .list, let meeting = mailing.meeting else {
            return nil
        }
        self.init(
            group: mailing.key.group,
            occurrence: mailing.key.occurrence,
            start: meeting.start,
            startInstant: meeting.startInstant,
            lengthMinutes: meeting.lengthMinutes,
            place: meeting.place,
            sequence: mailing.key.revision,
            uid: ICalendarUID.make(group: mailing.key.group, occurrence: mailing.key.occurrence, domain: domain),
            updatedAt: now
        )
    }
}

extension ScheduledMeeting {
    /// True when the list would see a difference from `announced`: the wall time, the instant it resolves to (a
    /// changed zone), the length or the place. The agenda is not a fact calendars keep, so it never counts.
    package func differs(from announced: AnnouncedOccurrence) -> Bool {
        start != announced.start || startInstant != announced.startInstant
            || lengthMinutes != announced.lengthMinutes || place != announced.place
    }

    /// This meeting as `announced` told it: its start, length and place, with this meeting's agenda and window.
    package func withFacts(of announced: AnnouncedOccurrence) -> ScheduledMeeting {
        ScheduledMeeting(
            start: announced.start,
            startInstant: announced.startInstant,
            endInstant: announced.startInstant.addingTimeInterval(TimeInterval(announced.lengthMinutes * 60)),
            lengthMinutes: announced.lengthMinutes,
            place: announced.place,
            agenda: agenda,
            minutesPath: minutesPath,
            window: window
        )
    }
}

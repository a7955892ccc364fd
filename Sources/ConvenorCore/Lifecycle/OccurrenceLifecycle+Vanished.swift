import Foundation

extension OccurrenceLifecycle {
    /// An announced meeting whose entry is gone from the group file (deleted, or moved into another window, which
    /// gives it another occurrence): the list's calendars still hold it, so it owes a `cancelled` notice for the
    /// announced UID, exactly as `cancelled: true` would, until the announced start.
    ///
    /// Its other mailings are no longer in the schedule; the daemon's orphan step records any still pending as
    /// `cancelled`. Nil when nothing is owed: the start has passed, or the cancellation was already sent.
    static func vanished(
        _ announced: AnnouncedOccurrence,
        in group: Group,
        snapshot: LedgerSnapshot,
        scheduler: Scheduler,
        now: Date
    ) -> OccurrenceLifecycle? {
        let key = announced.key
        let sequence = announced.sequence
        let cancelledOnList =
            sequence > 0
            && snapshot[MailingKey(group: group.id, kind: .cancelled, occurrence: key.occurrence, revision: sequence)]?
                .state == .sent
        guard !cancelledOnList else { return OccurrenceLifecycle(key: key, revision: sequence, cancelled: true) }
        guard now < announced.startInstant else { return nil }
        let meeting = ScheduledMeeting(
            start: announced.start,
            startInstant: announced.startInstant,
            endInstant: announced.startInstant.addingTimeInterval(TimeInterval(announced.lengthMinutes * 60)),
            lengthMinutes: announced.lengthMinutes,
            place: announced.place,
            agenda: [],
            minutesPath: nil,
            window: nil
        )
        var notice = scheduler.mailing(
            .cancelled,
            key.occurrence,
            of: group,
            due: now,
            validUntil: announced.startInstant,
            meeting: meeting
        )
        notice.key.revision = sequence + 1
        return OccurrenceLifecycle(key: key, revision: sequence + 1, notice: notice, cancelled: true)
    }
}

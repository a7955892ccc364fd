package import Foundation

/// What the lifecycle decided for one meeting occurrence the list was already told about.
package struct OccurrenceLifecycle: Hashable, Sendable {
    package var key: OccurrenceKey
    /// The revision every mailing of the occurrence carries, and so every calendar's SEQUENCE: the change notices
    /// sent, plus one while a notice is pending.
    package var revision: Int
    /// The rescheduled or cancelled notice to send now, if one is owed and still useful.
    package var notice: Mailing?
    /// When the list was told of the change that raised the revision (or now, while the notice is pending).
    /// Pre-meeting list mail of the new revision due before this instant is dropped: the notice took its place.
    package var changedAt: Date?
    /// The meeting is cancelled: none of its mailings go out.
    package var cancelled: Bool
    /// The mailings a cancelled meeting would have had, still valid: recorded `cancelled` while its notice is owed.
    package var withdrawn: [Mailing]

    package init(
        key: OccurrenceKey,
        revision: Int,
        notice: Mailing? = nil,
        changedAt: Date? = nil,
        cancelled: Bool = false,
        withdrawn: [Mailing] = []
    ) {
        self.key = key
        self.revision = revision
        self.notice = notice
        self.changedAt = changedAt
        self.cancelled = cancelled
        self.withdrawn = withdrawn
    }
}

extension OccurrenceLifecycle {
    /// Compares one configured meeting with the facts last announced for its occurrence.
    ///
    /// - A cancelled meeting owes a `cancelled` notice (SEQUENCE one higher, the announced time and place in the
    ///   text) unless that notice was already sent, and only until the announced start.
    /// - A meeting whose start, length or place differs from the announced facts owes a `rescheduled` notice, due
    ///   now and valid until the new start. So does a meeting that was cancelled on the list and is back on.
    /// - Anything else (an agenda edit, an edit undone) owes nothing: only what the list saw counts, so two edits
    ///   before the daemon notices give one notice.
    static func decide(
        _ occurrence: MeetingOccurrence,
        in group: Group,
        announced: AnnouncedOccurrence,
        snapshot: LedgerSnapshot,
        scheduler: Scheduler,
        now: Date
    ) -> OccurrenceLifecycle {
        let key = OccurrenceKey(group: group.id, occurrence: occurrence.occurrence)
        let sequence = announced.sequence
        let cancelledOnList =
            sequence > 0
            && snapshot[MailingKey(group: group.id, kind: .cancelled, occurrence: key.occurrence, revision: sequence)]?
                .state == .sent
        let previous = occurrence.scheduled.withFacts(of: announced)

        if occurrence.meeting.cancelled {
            var decision = OccurrenceLifecycle(key: key, revision: sequence, cancelled: true)
            guard !cancelledOnList else { return decision }
            var live = occurrence
            live.meeting.cancelled = false
            decision.withdrawn = scheduler.meetingMailings(for: live, in: group)
                .filter { now < $0.validUntil }
                .map { $0.withRevision(sequence) }
            guard now < announced.startInstant else { return decision }
            var notice = scheduler.mailing(
                .cancelled,
                key.occurrence,
                of: group,
                due: now,
                validUntil: announced.startInstant,
                meeting: previous,
                window: occurrence.window
            )
            notice.key.revision = sequence + 1
            notice.cancellationReason = occurrence.meeting.cancellationReason
            decision.revision = sequence + 1
            decision.notice = notice
            return decision
        }

        let noticeKey = MailingKey(
            group: group.id,
            kind: .rescheduled,
            occurrence: key.occurrence,
            revision: sequence + 1
        )
        let changed = cancelledOnList || occurrence.scheduled.differs(from: announced)
        if changed, now < occurrence.startInstant {
            var notice = scheduler.mailing(
                .rescheduled,
                key.occurrence,
                of: group,
                due: now,
                validUntil: occurrence.startInstant,
                meeting: occurrence.scheduled,
                window: occurrence.window
            )
            notice.key = noticeKey
            notice.previousMeeting = previous
            // An attempt already made (deferred, failed) fixes the moment of the change, so later passes agree.
            let changedAt = snapshot[noticeKey]?.firstAttempt ?? now
            return OccurrenceLifecycle(key: key, revision: sequence + 1, notice: notice, changedAt: changedAt)
        }
        guard sequence > 0 else { return OccurrenceLifecycle(key: key, revision: 0) }
        let told = MailingKey(group: group.id, kind: .rescheduled, occurrence: key.occurrence, revision: sequence)
        return OccurrenceLifecycle(
            key: key,
            revision: sequence,
            changedAt: snapshot[told]?.firstAttempt ?? announced.updatedAt
        )
    }
}

extension Mailing {
    /// The same mailing under another revision (a new Message-ID).
    func withRevision(_ revision: Int) -> Mailing {
        var copy = self
        copy.key.revision = revision
        return copy
    }
}

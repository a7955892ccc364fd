package import Foundation

/// A meeting's life after the list was told about it: rescheduled and cancelled notices, and the revision of
/// everything that follows. Pure: the schedule and the ledger's snapshot in, mailings out.
///
/// The scheduler knows only the config; the ledger knows what the list was told (`LedgerSnapshot.announced`, stored
/// when an announcement, agenda, rescheduled or cancelled mail is sent). This step, applied after the scheduler by
/// `preview` and by the daemon's pass, compares the two per occurrence:
///
/// - nothing announced yet: the mailings stay as scheduled, revision 0;
/// - announced, and the start, length or place now differ: one `rescheduled` notice to the list, due now (the
///   moment the change is noticed: it must go out promptly, not wait for a send time) and valid until the new
///   start, keyed with revision = announced sequence + 1;
/// - announced and now `cancelled: true`: one `cancelled` notice, due now, valid until the announced start, and
///   the meeting's other mailings are withdrawn (recorded `cancelled`, never sent);
/// - announced and nothing the list saw changed: nothing;
/// - announced and the entry is gone from the file (deleted, or moved into another window): a `cancelled` notice
///   for the announced event, as for `cancelled: true`.
///
/// The revision of an occurrence is the number of change notices sent (plus one while one is pending), and every
/// mailing of the occurrence carries it, so the calendar SEQUENCE (`MailingAssembler` writes the key's revision)
/// is the same in the notice and in the agenda after it, and the Message-IDs are new (`.r1`). After a change, the
/// `announcement` is never sent again (the notice told the list) and the other pre-meeting list mail still to come
/// (due after the change) goes out with the new facts; what fell due before the change is dropped, because the
/// notice replaced it.
package enum Lifecycle {
    /// Applies the lifecycle to `mailings` (the scheduler's output over any range).
    ///
    /// Notices are due `now` whatever range the mailings cover. `scheduler` gives the config and the minutes files
    /// that exist, from which the mailings of a cancelled meeting are known.
    package static func apply(
        to mailings: [Mailing],
        scheduler: Scheduler,
        snapshot: LedgerSnapshot,
        now: Date
    ) -> LifecycleResult {
        let decisions = decide(scheduler: scheduler, snapshot: snapshot, now: now)
        var result = LifecycleResult()
        for mailing in mailings {
            guard Self.followsMeeting(mailing.key.kind), let decision = decisions[OccurrenceKey(mailing.key)] else {
                result.mailings.append(mailing)
                continue
            }
            guard !decision.cancelled else { continue }
            let revised = mailing.withRevision(decision.revision)
            if decision.revision > 0, mailing.key.kind.meetingSequence != nil {
                if mailing.key.kind == .announcement { continue }
                if let changedAt = decision.changedAt, mailing.due < changedAt { continue }
            }
            result.mailings.append(revised)
        }
        for decision in decisions.values.sorted(by: { $0.key < $1.key }) {
            result.revisions[decision.key] = decision.revision
            result.withdrawn += decision.withdrawn
            if let notice = decision.notice { result.notices.append(notice) }
        }
        result.mailings += result.notices
        result.mailings = result.mailings.inScheduleOrder
        return result
    }

    /// The decision for every configured meeting whose occurrence the list was told about.
    package static func decide(
        scheduler: Scheduler,
        snapshot: LedgerSnapshot,
        now: Date
    ) -> [OccurrenceKey: OccurrenceLifecycle] {
        var decisions: [OccurrenceKey: OccurrenceLifecycle] = [:]
        for group in scheduler.config.groups {
            for occurrence in group.meetingOccurrences {
                let key = OccurrenceKey(group: group.id, occurrence: occurrence.occurrence)
                guard let announced = snapshot.announced[key] else { continue }
                decisions[key] = OccurrenceLifecycle.decide(
                    occurrence,
                    in: group,
                    announced: announced,
                    snapshot: snapshot,
                    scheduler: scheduler,
                    now: now
                )
            }
            // Announced meetings whose entry has gone from the file still sit in members' calendars.
            for announced in snapshot.announced.values where announced.group == group.id {
                guard decisions[announced.key] == nil,
                    let decision = OccurrenceLifecycle.vanished(
                        announced,
                        in: group,
                        snapshot: snapshot,
                        scheduler: scheduler,
                        now: now
                    )
                else { continue }
                decisions[announced.key] = decision
            }
        }
        return decisions
    }

    /// The kinds that concern one meeting and so follow its revision; confirm-date, tor-review and call-for-members
    /// can share an occurrence's spelling but are about something else.
    static func followsMeeting(_ kind: MailingKind) -> Bool { kind.descriptor.concernsMeeting }

}

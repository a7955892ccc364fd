package import Foundation

/// Decides, from the schedule and the ledger, what to send now, what is missed, and when to wake next.
///
/// Input: `due` is the schedule's mailings over a lookback window up to the future, e.g. from 60 days before now
/// onwards. The lookback must reach back further than any mailing can stay valid, so that mailings that fell due
/// while the daemon was down are seen again (and either sent late but valid, or recorded `missed`). Mailings due
/// after now only contribute to `nextWake`. Mailings whose key is already final in the ledger are ignored, so the
/// same input can be planned again and again: planning is idempotent, and two `run --once` send each mailing once.
package enum DeliveryPlanner {
    /// Plans one pass of the daemon at `now`.
    ///
    /// - Parameter firstStart: the ledger's first start and the installation's grace (`FirstStartRule`); mail it
    ///   holds back goes to `skip`, never to `send` or `miss`. Nil: nothing is held back.
    ///   - lateMail: holds late mail back outside working hours (`LateMailRule`); nil: everything due goes now.
    ///   - heldClaims: the rows a new leader of a shared ledger leaves to its predecessor for now (`ClaimHold`);
    ///     nil: interrupted attempts are resumed at once.
    package static func plan(
        due mailings: [Mailing],
        snapshot: LedgerSnapshot,
        now: Date,
        firstStart: FirstStartRule? = nil,
        lateMail: LateMailRule? = nil,
        heldClaims: ClaimHold? = nil
    ) -> DeliveryPlan {
        var plan = DeliveryPlan()
        var seen = Set<MailingKey>()
        let latestDueSibling = latestDueMeetingKinds(mailings, now: now)
        let latestDueRepeat = latestDueRepeats(mailings, now: now)

        for mailing in mailings.sorted(by: { ($0.due, $0.key) < ($1.due, $1.key) }) {
            guard seen.insert(mailing.key).inserted else { continue }
            let entry = snapshot[mailing.key]
            if let entry, entry.state.isFinal { continue }

            if mailing.due > now {
                plan.wake(at: mailing.due)
                continue
            }
            if let firstStart,
                let reason = firstStart.skipReason(
                    mailing,
                    entry: entry,
                    wouldMiss: wouldMiss(
                        mailing,
                        now: now,
                        latestDueSibling: latestDueSibling,
                        latestDueRepeat: latestDueRepeat
                    )
                )
            {
                plan.skip.append(PlannedSkip(mailing: mailing, reason: reason))
                continue
            }
            // Never late mail: once stale, it is missed even if an earlier attempt was interrupted.
            if now >= mailing.validUntil {
                let interrupted = entry?.state == .claimed
                plan.miss.append(
                    PlannedMiss(mailing: mailing, reason: interrupted ? .staleAfterInterruptedAttempt : .stale)
                )
                continue
            }
            if let sequence = mailing.key.kind.meetingSequence,
                let later = latestDueSibling[OccurrenceKey(mailing.key)],
                let laterSequence = later.meetingSequence, laterSequence > sequence
            {
                plan.miss.append(PlannedMiss(mailing: mailing, reason: .superseded(by: later)))
                continue
            }
            // A chair who was away (or a daemon that was down) gets the newest reminder, not a pile of them.
            if let series = repeatSeries(mailing.key), let newest = latestDueRepeat[series], newest != mailing.key {
                plan.miss.append(PlannedMiss(mailing: mailing, reason: .superseded(by: mailing.key.kind)))
                continue
            }
            if let entry, entry.state == .deferred, let next = entry.nextAttempt, next > now {
                // Wake at the retry, or at the moment it turns stale so that `missed` is recorded on time.
                plan.wake(at: min(next, mailing.validUntil))
                continue
            }
            // Late mail at night or on a day off waits for the next send time, unless it would be stale by then.
            if let lateMail, case let when = lateMail.sendInstant(for: mailing, now: now), when > now {
                plan.wake(at: when)
                plan.waiting.append(PlannedWait(mailing: mailing, until: when))
                continue
            }
            if entry?.state == .claimed, let heldClaims, heldClaims.holds(mailing.key, at: now) {
                // Resent at the end of the hold unless the predecessor records its outcome; earlier if it turns
                // stale meanwhile, so that `missed` is recorded on time.
                let until = min(heldClaims.until, mailing.validUntil)
                plan.wake(at: until)
                plan.heldClaims.append(PlannedWait(mailing: mailing, until: until))
                continue
            }
            plan.send.append(
                PlannedSend(
                    mailing: mailing,
                    resumesInterruptedAttempt: entry?.state == .claimed,
                    previousAttempts: entry?.attempts ?? 0
                )
            )
        }

        plan.orphaned = snapshot.entries.values
            .filter { !$0.state.isFinal && !seen.contains($0.key) }
            .map(\.key)
            .sorted()
        return plan
    }

    /// True when the rules below would record `mailing` missed (stale, or superseded by a later mailing).
    private static func wouldMiss(
        _ mailing: Mailing,
        now: Date,
        latestDueSibling: [OccurrenceKey: MailingKind],
        latestDueRepeat: [String: MailingKey]
    ) -> Bool {
        if now >= mailing.validUntil { return true }
        if let sequence = mailing.key.kind.meetingSequence,
            let laterSequence = latestDueSibling[OccurrenceKey(mailing.key)]?.meetingSequence, laterSequence > sequence
        {
            return true
        }
        if let series = repeatSeries(mailing.key), let newest = latestDueRepeat[series], newest != mailing.key {
            return true
        }
        return false
    }

    /// The series a repeated reminder belongs to: confirm-date repeats every 14 days for one window, keyed
    /// `WINDOW~SENDDATE`; the part before `~` names the window. Nil for kinds that are not repeated.
    static func repeatSeries(_ key: MailingKey) -> String? {
        guard key.kind == .confirmDate, let tilde = key.occurrence.firstIndex(of: "~") else { return nil }
        return "\(key.group)/\(key.kind.rawValue)/\(key.occurrence[..<tilde])/\(key.revision)"
    }

    /// Per repeat series, the key of the newest repeat due at `now`.
    private static func latestDueRepeats(_ mailings: [Mailing], now: Date) -> [String: MailingKey] {
        var latest: [String: (due: Date, key: MailingKey)] = [:]
        for mailing in mailings where mailing.due <= now && now < mailing.validUntil {
            guard let series = repeatSeries(mailing.key) else { continue }
            if let current = latest[series], (current.due, current.key) >= (mailing.due, mailing.key) { continue }
            latest[series] = (mailing.due, mailing.key)
        }
        return latest.mapValues(\.key)
    }

    /// Per occurrence, the meeting mailing kind with the highest sequence that is due at `now`.
    private static func latestDueMeetingKinds(_ mailings: [Mailing], now: Date) -> [OccurrenceKey: MailingKind] {
        var latest: [OccurrenceKey: MailingKind] = [:]
        for mailing in mailings where mailing.due <= now {
            guard let sequence = mailing.key.kind.meetingSequence else { continue }
            let occurrence = OccurrenceKey(mailing.key)
            if let current = latest[occurrence], let currentSequence = current.meetingSequence,
                currentSequence >= sequence
            {
                continue
            }
            latest[occurrence] = mailing.key.kind
        }
        return latest
    }
}

extension DeliveryPlan {
    /// Keeps the earliest wake-up time.
    fileprivate mutating func wake(at instant: Date) {
        nextWake = nextWake.map { min($0, instant) } ?? instant
    }
}

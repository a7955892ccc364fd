package import Foundation

/// What goes out in a range, as of now, given the ledger: the one road from the schedule to mail.
///
/// `schedule`, `preview`, `overview`, `calendar`, `send-test`, the web's feeds and the daemon's pass all ask this
/// one function, so none of them can skip a step: the scheduler turns the config into mailings, the lifecycle
/// applies what the list was already told (rescheduled and cancelled notices, revisions, withdrawn mail), and the
/// planner decides, as of `now`, what is sent, missed, or waited for. A year view therefore shows the same notices
/// the daemon will send.
package struct Outlook: Sendable {
    /// The scheduler the outlook was made with (for `nextDue(after:)` and lookups by kind).
    package let scheduler: Scheduler
    /// The range's mailings after the lifecycle, notices included, in schedule order.
    package let lifecycle: LifecycleResult
    /// What the daemon would do at `now` with the range's mailings that are due: send, record missed, cancel.
    ///
    /// Only the daemon's range (reaching back past every mailing still valid) makes `orphaned` meaningful; a
    /// command looking at the future reads `mailings` instead.
    package let plan: DeliveryPlan
    /// The earliest due time strictly after `nextDueAfter` (nil when not asked for, or nothing is due within the
    /// scheduler's look-ahead): when the daemon should wake next.
    package let nextDue: Date?

    /// Runs scheduler → lifecycle → planner over `[start, end)`.
    ///
    /// - Parameters:
    ///   - existingMinutes: the minutes files that exist (`MinutesFiles.existing`), so no chase goes out for them.
    ///   - snapshot: the ledger as it stands (empty when there is none yet).
    ///   - validAfter: drop mailings that stopped being valid at or before this instant (the daemon's lookback).
    ///   - firstStart: what the ledger's first start holds back (`FirstStartRule`); read at the edge.
    ///   - draftMinutes: minutes marked a draft (`MinutesFiles.scan`), so the chase says so; nil: the web's only.
    ///   - nextDueAfter: also find the first due time after this instant, from the same scheduling work.
    ///   - heldClaims: a new leader's hold on its predecessor's claims (`ClaimHold`).
    package init(
        config: Config,
        existingMinutes: Set<String>,
        snapshot: LedgerSnapshot,
        from start: Date,
        to end: Date,
        now: Date,
        validAfter: Date? = nil,
        firstStart: FirstStartRule? = nil,
        draftMinutes: [String: String]? = nil,
        nextDueAfter: Date? = nil,
        heldClaims: ClaimHold? = nil
    ) {
        let scheduler = Scheduler(config: config, existingMinutes: existingMinutes, draftMinutes: draftMinutes)
        let scheduled: [Mailing]
        if let nextDueAfter {
            (scheduled, nextDue) = scheduler.mailings(
                from: start,
                to: end,
                nextDueAfter: nextDueAfter,
                validAfter: validAfter
            )
        } else {
            scheduled = scheduler.mailings(from: start, to: end, validAfter: validAfter)
            nextDue = nil
        }
        let lifecycle = Lifecycle.apply(to: scheduled, scheduler: scheduler, snapshot: snapshot, now: now)
        self.scheduler = scheduler
        self.lifecycle = lifecycle
        self.plan = DeliveryPlanner.plan(
            due: lifecycle.mailings,
            snapshot: snapshot,
            now: now,
            firstStart: firstStart,
            lateMail: LateMailRule(installation: config.installation),
            heldClaims: heldClaims
        )
    }

    /// The mailings that go out in the range, notices included, withdrawn ones left out.
    package var mailings: [Mailing] { lifecycle.mailings }
    /// Mailings of a cancelled meeting that will never go out.
    package var withdrawn: [Mailing] { lifecycle.withdrawn }
    /// The rescheduled and cancelled notices among `mailings`.
    package var notices: [Mailing] { lifecycle.notices }
    /// The revision (calendar SEQUENCE) of every announced meeting.
    package var revisions: [OccurrenceKey: Int] { lifecycle.revisions }
}

extension Outlook {
    /// The revision (calendar SEQUENCE) of every announced meeting as of `now`, for the calendar feeds: the
    /// lifecycle's answer without a range of mailings.
    package static func revisions(
        config: Config,
        existingMinutes: Set<String>,
        snapshot: LedgerSnapshot,
        now: Date
    ) -> [OccurrenceKey: Int] {
        Outlook(config: config, existingMinutes: existingMinutes, snapshot: snapshot, from: now, to: now, now: now)
            .revisions
    }
}

package import Foundation

/// What the daemon should do now, as decided by `DeliveryPlanner.plan(due:snapshot:now:)`.
///
/// The daemon performs it in this order: record every `miss` (and log each at `error`), `cancel` the orphans, then
/// for each `send` claim, send and record, then sleep until `nextWake`.
package struct DeliveryPlan: Hashable, Sendable {
    /// Due, still valid, not final: send these, oldest due first.
    package var send: [PlannedSend]
    /// Due but pointless now: record them `missed` with their reason and tell the operator.
    package var miss: [PlannedMiss]
    /// Due, never in the ledger, held back by a ledger's first start (`FirstStartRule`): neither sent nor recorded.
    package var skip: [PlannedSkip] = []
    /// Due and late, but outside working hours in its group's zone: goes at `until` (`LateMailRule`).
    package var waiting: [PlannedWait] = []
    /// Left `claimed` by the previous leader of a shared ledger, which may still be sending: resent at `until`
    /// unless it records the relay's answer first (`ClaimHold`).
    package var heldClaims: [PlannedWait] = []
    /// Ledger rows that are not final but no longer in the schedule (the meeting was removed or moved to another
    /// occurrence): nothing can render them, so the daemon records them `cancelled`.
    package var orphaned: [MailingKey]
    /// The earliest future instant something becomes due or retryable; nil means nothing is pending and the daemon
    /// sleeps until a reload.
    package var nextWake: Date?

    package init(send: [PlannedSend] = [], miss: [PlannedMiss] = [], orphaned: [MailingKey] = [], nextWake: Date? = nil)
    {
        self.send = send
        self.miss = miss
        self.orphaned = orphaned
        self.nextWake = nextWake
    }

    /// True when there is nothing to do before `nextWake`.
    package var isIdle: Bool { send.isEmpty && miss.isEmpty && orphaned.isEmpty }
}

/// One mailing to attempt now.
package struct PlannedSend: Hashable, Sendable {
    package var mailing: Mailing
    /// The ledger row was left `claimed`: an earlier attempt may have reached the relay before a crash. The daemon
    /// logs a warning and sends again with the same Message-ID (SMTP cannot be exactly-once).
    package var resumesInterruptedAttempt: Bool
    /// Attempts already made (0 for a first attempt).
    package var previousAttempts: Int

    package init(mailing: Mailing, resumesInterruptedAttempt: Bool = false, previousAttempts: Int = 0) {
        self.mailing = mailing
        self.resumesInterruptedAttempt = resumesInterruptedAttempt
        self.previousAttempts = previousAttempts
    }
}

/// One late mailing held back for the night or a day off, and when it goes (`LateMailRule`).
package struct PlannedWait: Hashable, Sendable {
    package var mailing: Mailing
    package var until: Date

    package init(mailing: Mailing, until: Date) {
        self.mailing = mailing
        self.until = until
    }
}

/// One mailing to record `missed`, and why.
package struct PlannedMiss: Hashable, Sendable {
    package var mailing: Mailing
    package var reason: MissReason

    package init(mailing: Mailing, reason: MissReason) {
        self.mailing = mailing
        self.reason = reason
    }
}

/// Why a due mailing is not sent.
package enum MissReason: Hashable, Sendable, CustomStringConvertible {
    /// Its `valid_until` has passed (the meeting started, the window began ...).
    case stale
    /// It went stale while an attempt's outcome was unknown (the process died between claim and reply): the relay
    /// may or may not have it, and the operator must be told either way.
    case staleAfterInterruptedAttempt
    /// A later mailing for the same meeting is already due (the agenda makes the call for agenda items pointless).
    case superseded(by: MailingKind)

    /// True for the reasons that mean "too late" rather than "no longer needed".
    package var isStale: Bool {
        switch self {
        case .stale, .staleAfterInterruptedAttempt: true
        case .superseded: false
        }
    }

    /// The text stored in the ledger's `missed_reason` and shown to the operator.
    package var description: String {
        switch self {
        case .stale: "stale"
        case .staleAfterInterruptedAttempt: "stale after an interrupted attempt (it may have been delivered)"
        case .superseded(let kind): "superseded by \(kind.rawValue)"
        }
    }
}

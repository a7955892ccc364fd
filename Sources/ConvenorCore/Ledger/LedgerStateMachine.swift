package import Foundation

/// The ledger's rules for one mailing key, as a value: the row as it stands goes in, each step returns the action a
/// store must perform and the answer for the caller (async-http-client's `Transaction+StateMachine` is the model).
///
/// Every change a ledger row can undergo is a method here, and nowhere else: a store (`SQLiteLedger`, the
/// in-memory one, a PostgreSQL one) reads the row, runs one step, and persists the action. To add a state, add the
/// case to `LedgerState`, its edges to `LedgerState.allowedTransitions`, and the step that reaches it here, with
/// rows in `LedgerStateMachineTests`; no store changes.
///
/// A step never fails: a key the ledger does not know where the step needs one is answered with a nil or refusing
/// outcome and `.none`, and the caller turns that into its own error.
package struct LedgerStateMachine: Hashable, Sendable {
    /// The row as it stands; nil while the ledger has never seen the key. Updated by each step.
    package private(set) var row: LedgerEntry?

    package init(_ row: LedgerEntry?) {
        self.row = row
    }

    /// Step 1 of the delivery protocol: claim the mailing (attempts + 1) before anything is sent.
    ///
    /// A row the ledger has not seen yet is created; due and valid_until follow the schedule, because the config may
    /// have moved the meeting since the row was written. A final row is left alone. A mailing that turned stale
    /// since it was planned is recorded `missed` ("stale") instead, so rate limiting can never make mail late.
    package mutating func claim(_ mailing: Mailing, messageID: String, now: Date) -> LedgerTransition<ClaimResult> {
        if let row, row.state.isFinal { return LedgerTransition(.none, .alreadyFinal(row)) }
        var next = following(mailing, now: now)
        next.updatedAt = now
        if now >= next.validUntil {
            next.state = .missed
            next.missedReason = MissReason.stale.description
            next.nextAttempt = nil
            return LedgerTransition(store(next), .stale(next))
        }
        let wasAlreadyClaimed = next.state == .claimed
        next.state = .claimed
        next.attempts += 1
        next.firstAttempt = next.firstAttempt ?? now
        next.messageID = messageID
        return LedgerTransition(store(next), .claimed(next, wasAlreadyClaimed: wasAlreadyClaimed))
    }

    /// Step 3 of the delivery protocol: the transport's outcome, with the retry decision made from the row's own
    /// attempts, first attempt and valid_until. Nil when the ledger has no row for the key.
    ///
    /// - Parameters:
    ///   - jitter: a uniform random fraction in `0..<1` (the core has no randomness).
    ///   - announcing: the meeting facts this mailing told the list; committed with `sent`.
    ///   - posted: a list post's list and subject; committed with `sent`.
    package mutating func record(
        _ outcome: DeliveryOutcome,
        now: Date,
        policy: RetryPolicy,
        jitter: Double,
        announcing: AnnouncedOccurrence? = nil,
        posted: PostedCopy? = nil
    ) -> LedgerTransition<LedgerEntry?> {
        guard let row else { return LedgerTransition(.none, nil) }
        let decision = policy.decision(
            for: outcome,
            attempts: max(row.attempts, 1),
            now: now,
            validUntil: row.validUntil,
            firstAttempt: row.firstAttempt ?? now,
            jitter: jitter
        )
        let transition = apply(decision, now: now, announcing: announcing, posted: posted)
        return LedgerTransition(transition.action, transition.outcome)
    }

    /// Writes an attempt's decision. `sent` always wins, because the relay has the message; a failure only changes
    /// a row that is still `claimed` (it may have been cancelled meanwhile). A list post's `posted` (list and
    /// subject) is written with `sent`, so that what comes back from the list can be tied to it.
    package mutating func apply(
        _ decision: RetryDecision,
        now: Date,
        announcing: AnnouncedOccurrence? = nil,
        posted: PostedCopy? = nil
    ) -> LedgerTransition<LedgerEntry?> {
        guard var next = row else { return LedgerTransition(.none, nil) }
        switch decision {
        case .sent(let reply):
            // A row already `sent`, or past it (the list's copy or notice came first), keeps what it knows.
            guard next.state != .sent, next.state.allowedTransitions.contains(.sent) else {
                return LedgerTransition(.none, next)
            }
            next.state = .sent
            next.relayReply = reply
            next.sentAt = now
            next.nextAttempt = nil
            next.missedReason = nil
            if let posted {
                next.postedTo = posted.list.lowercased()
                next.subject = posted.subject
            }
        case .defer(let until, let reason):
            guard next.state == .claimed else { return LedgerTransition(.none, next) }
            next.state = .deferred
            next.nextAttempt = until
            next.lastError = reason
        case .fail(let reason):
            guard next.state == .claimed else { return LedgerTransition(.none, next) }
            next.state = .failed
            next.nextAttempt = nil
            next.lastError = reason
        }
        next.updatedAt = now
        let announced = decision.state == .sent ? announcing : nil
        return LedgerTransition(store(next, announcing: announced), next)
    }

    /// Undoes a claim that was never attempted (SIGTERM between claim and connect): the attempt is not counted and
    /// the row goes back to `scheduled` (or `deferred` if earlier attempts failed). Other states are left alone.
    /// Nil when the ledger has no row for the key.
    package mutating func release(now: Date) -> LedgerTransition<LedgerEntry?> {
        guard var next = row else { return LedgerTransition(.none, nil) }
        guard next.state == .claimed else { return LedgerTransition(.none, next) }
        next.attempts = max(0, next.attempts - 1)
        next.state = next.attempts == 0 ? .scheduled : .deferred
        if next.attempts == 0 { next.firstAttempt = nil }
        next.updatedAt = now
        return LedgerTransition(store(next), next)
    }

    /// Records a planned miss (stale, or superseded by a later mailing); a final row is left alone.
    package mutating func miss(_ mailing: Mailing, reason: MissReason, now: Date) -> LedgerTransition<LedgerEntry> {
        finish(mailing, as: .missed, reason: reason.description, now: now)
    }

    /// Records that a mailing will not go out because its meeting was cancelled; a final row is left alone.
    package mutating func cancel(_ mailing: Mailing, reason: String, now: Date) -> LedgerTransition<LedgerEntry> {
        finish(mailing, as: .cancelled, reason: reason, now: now)
    }

    /// Cancels a row the schedule no longer produces (`DeliveryPlan.orphaned`); nil when there is no row.
    package mutating func cancelOrphan(reason: String, now: Date) -> LedgerTransition<LedgerEntry?> {
        guard var next = row else { return LedgerTransition(.none, nil) }
        guard !next.state.isFinal else { return LedgerTransition(.none, next) }
        next.state = .cancelled
        next.missedReason = reason
        next.nextAttempt = nil
        next.updatedAt = now
        return LedgerTransition(store(next), next)
    }

    /// `convenor ledger retry KEY`: puts a `failed` or `missed` row back to `scheduled` with a fresh retry budget
    /// (attempts 0, no first attempt) and a fresh alert. Refuses stale mail and other states.
    package mutating func retry(key: MailingKey, now: Date) -> LedgerTransition<RetryResult> {
        guard var next = row else { return LedgerTransition(.none, .refused(.unknown(key))) }
        guard next.state == .failed || next.state == .missed else {
            return LedgerTransition(.none, .refused(.notRetryable(key, next.state)))
        }
        guard now < next.validUntil else {
            return LedgerTransition(.none, .refused(.stale(key, validUntil: next.validUntil)))
        }
        // The planner supersedes for good: the later mailing stays due, so this one would be missed again.
        if next.state == .missed, let reason = next.missedReason, reason.hasPrefix("superseded") {
            return LedgerTransition(.none, .refused(.superseded(key, reason: reason)))
        }
        next.state = .scheduled
        next.attempts = 0
        next.firstAttempt = nil
        next.nextAttempt = nil
        next.missedReason = nil
        next.alertedAt = nil
        next.updatedAt = now
        // last_error stays: it is the history the operator acted on.
        return LedgerTransition(store(next), .requeued(next))
    }

    /// Stamps the row as covered by the operator alert sent at `instant` (call only after the relay accepted it).
    /// The state does not change; a key without a row is ignored.
    package mutating func markAlerted(at instant: Date) -> LedgerTransition<LedgerEntry?> {
        guard var next = row else { return LedgerTransition(.none, nil) }
        next.alertedAt = instant
        return LedgerTransition(store(next), next)
    }

    /// What the returns mailbox said about the post (issue 18), once `ReturnMatcher` tied it to this row.
    ///
    /// The list's copy makes the row `distributed` from any state whose message may have gone out. A hold, a
    /// confirmation request, a refusal or a bounce only changes a row the relay accepted (`sent`) or the list
    /// held: a late notice after the copy changes nothing, and a second hold notice keeps the first one's words
    /// unless it brings a link the first lacked. Ignorable mail (auto-replies, delay reports) changes nothing.
    /// Nil when there is no row or nothing changed.
    package mutating func returned(_ mail: ReturnedMail, now: Date) -> LedgerTransition<LedgerEntry?> {
        guard var next = row else { return LedgerTransition(.none, nil) }
        switch mail.verdict {
        case .ignorable:
            return LedgerTransition(.none, nil)
        case .distributed:
            guard next.state.allowedTransitions.contains(.distributed) else { return LedgerTransition(.none, nil) }
            next.state = .distributed
            next.distributedAt = now
            next.nextAttempt = nil
        case .held(let reason):
            guard next.state == .sent || (next.state == .held && next.approvalLink == nil && mail.link != nil) else {
                return LedgerTransition(.none, nil)
            }
            next.state = .held
            next.listWords = next.listWords ?? reason
            next.approvalLink = next.approvalLink ?? mail.link
        case .confirmationRequested:
            guard next.state == .sent else { return LedgerTransition(.none, nil) }
            next.state = .held
            next.listWords = "\(mail.source.rawValue) asks the posting address to confirm the post"
            next.approvalLink = mail.link
        case .rejected(let reason):
            guard next.state == .sent || next.state == .held else { return LedgerTransition(.none, nil) }
            next.state = .rejected
            next.listWords = reason
        case .bounced(let status, let diagnostic, _):
            guard next.state == .sent || next.state == .held else { return LedgerTransition(.none, nil) }
            next.state = .bounced
            next.bounceStatus = status
            next.bounceDiagnostic = diagnostic
        }
        next.updatedAt = now
        return LedgerTransition(store(next), next)
    }

    /// Stamps the row as covered by the chairs' alert sent at `instant` (after the relay accepted it), so each
    /// held, refused or bounced post is told to the chairs once. A key without a row is ignored.
    package mutating func markChairsAlerted(at instant: Date) -> LedgerTransition<LedgerEntry?> {
        guard var next = row else { return LedgerTransition(.none, nil) }
        next.chairsAlertedAt = instant
        return LedgerTransition(store(next), next)
    }

    /// After a reload (the operator fixed the relay settings or the password): a row waiting on relay trouble
    /// (`deferred` with `RelayTrouble.waitingPrefix`) becomes due at `now` instead of at its backoff time. Any
    /// other row is left alone; nil when it was not waiting.
    package mutating func retryWaiting(now: Date) -> LedgerTransition<LedgerEntry?> {
        guard var next = row, next.state == .deferred,
            next.lastError?.hasPrefix(RelayTrouble.waitingPrefix) == true,
            let due = next.nextAttempt, due > now
        else { return LedgerTransition(.none, nil) }
        next.nextAttempt = now
        next.updatedAt = now
        return LedgerTransition(store(next), next)
    }

    private mutating func finish(
        _ mailing: Mailing,
        as state: LedgerState,
        reason: String,
        now: Date
    ) -> LedgerTransition<LedgerEntry> {
        if let row, row.state.isFinal { return LedgerTransition(.none, row) }
        var next = following(mailing, now: now)
        next.state = state
        next.missedReason = reason
        next.nextAttempt = nil
        next.updatedAt = now
        return LedgerTransition(store(next), next)
    }

    /// The row for `mailing` as the schedule now has it: the existing one with due and valid_until updated, or a
    /// fresh `scheduled` one.
    private func following(_ mailing: Mailing, now: Date) -> LedgerEntry {
        guard var next = row else { return LedgerEntry(scheduling: mailing, now: now) }
        next.due = mailing.due
        next.validUntil = mailing.validUntil
        return next
    }

    /// Moves to `next` and says so; a move the transition table does not allow is a programmer error.
    private mutating func store(_ next: LedgerEntry, announcing: AnnouncedOccurrence? = nil) -> LedgerAction {
        let from = row?.state
        precondition(
            from.map { $0 == next.state || $0.allowedTransitions.contains(next.state) } ?? true,
            "ledger transition \(from.map(\.rawValue) ?? "none") -> \(next.state) is not in LedgerState's table"
        )
        let write = LedgerWrite(row: next, replacing: row, announcing: announcing)
        row = next
        return .store(write)
    }
}

/// The list and subject a list post went out with, written with `sent`.
package struct PostedCopy: Hashable, Sendable {
    /// The list's posting address.
    package var list: String
    /// The Subject as sent (decoded text).
    package var subject: String

    package init(list: String, subject: String) {
        self.list = list
        self.subject = subject
    }
}

extension LedgerEntry {
    /// A fresh `scheduled` row for a mailing the ledger has not seen yet.
    package init(scheduling mailing: Mailing, now: Date) {
        self.init(
            key: mailing.key,
            state: .scheduled,
            due: mailing.due,
            validUntil: mailing.validUntil,
            createdAt: now,
            updatedAt: now
        )
    }
}

package import ConvenorCore
package import Foundation

/// The ledger's operations, written once for every store: each is one `LedgerStateMachine` step.
///
/// ## The delivery protocol (issue 6)
/// For each `PlannedSend` of a `DeliveryPlan` the daemon:
/// 1. calls `claim(_:messageID:now:)`. The claim (state `claimed`, attempts + 1) is committed durably before the
///    call returns. If it throws, the daemon does NOT send: a failed ledger write never leads to a send. If it
///    returns anything but `.claimed`, the daemon does not send either.
/// 2. connects and sends with the claimed Message-ID;
/// 3. calls `record(_:for:now:policy:jitter:)` with the transport's outcome: `sent` is committed only after the
///    relay's 250, `deferred` with the next attempt, or `failed`.
///
/// A crash between 1 and 3 leaves the row `claimed`. The next plan flags it (`resumesInterruptedAttempt`), and the
/// daemon logs a warning and sends again with the same Message-ID: SMTP cannot be exactly-once, and the stable
/// Message-ID lets list servers and mail clients drop the copy. On SIGTERM before step 2, `release(key:now:)` undoes
/// the claim so no row stays `claimed` that was never attempted.
extension LedgerStore {
    /// Step 1: commits `claimed` (attempts + 1) before anything is sent; see `LedgerStateMachine.claim`.
    package func claim(_ mailing: Mailing, messageID: String, now: Date) async throws(LedgerError) -> ClaimResult {
        try await transition(mailing.key, operation: "claim \(mailing.key)") { row in
            var machine = LedgerStateMachine(row)
            return machine.claim(mailing, messageID: messageID, now: now)
        }
    }

    /// Step 1 for a claim window: every claim committed in one durable write before anything is sent (one fsync
    /// for the window instead of one per mailing), with the same rules as `claim`. If it throws, none is claimed.
    /// - Parameter messageIDs: each mailing's Message-ID, in the same order.
    package func claimAll(
        _ mailings: [Mailing],
        messageIDs: [String],
        now: Date
    ) async throws(LedgerError) -> [ClaimResult] {
        precondition(messageIDs.count == mailings.count, "one Message-ID per mailing")
        let operation = mailings.count == 1 ? "claim \(mailings[0].key)" : "claim \(mailings.count) mailings"
        return try await transitions(mailings.map(\.key), operation: operation) { index, row in
            var machine = LedgerStateMachine(row)
            return machine.claim(mailings[index], messageID: messageIDs[index], now: now)
        }
    }

    /// Step 3: the transport's outcome, the retry decision made from the row's own attempts.
    ///
    /// - Parameters:
    ///   - jitter: a uniform random fraction in `0..<1` (the core has no randomness).
    ///   - announcing: the meeting facts this mailing told the list; stored in the same transaction as `sent`.
    ///   - posted: a list post's list and subject, stored with `sent` to tie returns to it.
    /// - Returns: the row after the change.
    @discardableResult
    package func record(
        _ outcome: DeliveryOutcome,
        for key: MailingKey,
        now: Date,
        policy: RetryPolicy,
        jitter: Double,
        announcing: AnnouncedOccurrence? = nil,
        posted: PostedCopy? = nil
    ) async throws(LedgerError) -> LedgerEntry {
        let entry = try await transition(key, operation: "record \(key)") { row in
            var machine = LedgerStateMachine(row)
            return machine.record(
                outcome,
                now: now,
                policy: policy,
                jitter: jitter,
                announcing: announcing,
                posted: posted
            )
        }
        guard let entry else { throw LedgerError(operation: "record \(key)", reason: .unknownMailing(key)) }
        return entry
    }

    /// Undoes a claim that was never attempted (SIGTERM between claim and connect).
    @discardableResult
    package func release(key: MailingKey, now: Date) async throws(LedgerError) -> LedgerEntry {
        let entry = try await transition(key, operation: "release \(key)") { row in
            var machine = LedgerStateMachine(row)
            return machine.release(now: now)
        }
        guard let entry else { throw LedgerError(operation: "release \(key)", reason: .unknownMailing(key)) }
        return entry
    }

    /// Records a planned miss (stale or superseded); a row that is already final is left alone.
    @discardableResult
    package func markMissed(_ mailing: Mailing, reason: MissReason, now: Date) async throws(LedgerError) -> LedgerEntry
    {
        try await transition(mailing.key, operation: "mark missed \(mailing.key)") { row in
            var machine = LedgerStateMachine(row)
            return machine.miss(mailing, reason: reason, now: now)
        }
    }

    /// Records that a mailing will not go out because its meeting was cancelled; a final row is left alone.
    @discardableResult
    package func markCancelled(_ mailing: Mailing, reason: String, now: Date) async throws(LedgerError) -> LedgerEntry {
        try await transition(mailing.key, operation: "mark cancelled \(mailing.key)") { row in
            var machine = LedgerStateMachine(row)
            return machine.cancel(mailing, reason: reason, now: now)
        }
    }

    /// Cancels a row the schedule no longer produces (`DeliveryPlan.orphaned`); nil if there is no such row.
    @discardableResult
    package func cancel(key: MailingKey, reason: String, now: Date) async throws(LedgerError) -> LedgerEntry? {
        try await transition(key, operation: "cancel \(key)") { row in
            var machine = LedgerStateMachine(row)
            return machine.cancelOrphan(reason: reason, now: now)
        }
    }

    /// `convenor ledger retry KEY`: a `failed` or `missed` row back to `scheduled` with a fresh retry budget.
    package func retry(key: MailingKey, now: Date) async throws(LedgerError) -> RetryResult {
        try await transition(key, operation: "retry \(key)") { row in
            var machine = LedgerStateMachine(row)
            return machine.retry(key: key, now: now)
        }
    }

    /// After a reload: every row waiting on relay trouble is due now, so the next pass sends everything still
    /// useful. Returns how many rows changed; see `LedgerStateMachine.retryWaiting`.
    @discardableResult
    package func retryWaitingNow(now: Date) async throws(LedgerError) -> Int {
        var changed = 0
        for entry in try await entries(group: nil, state: .deferred) {
            let moved = try await transition(entry.key, operation: "retry waiting \(entry.key)") { row in
                var machine = LedgerStateMachine(row)
                return machine.retryWaiting(now: now)
            }
            if moved != nil { changed += 1 }
        }
        return changed
    }

    /// Stamps rows as covered by the alert mail sent at `instant`; call only after the alert was accepted.
    package func markAlerted(keys: [MailingKey], at instant: Date) async throws(LedgerError) {
        for key in keys {
            _ = try await transition(key, operation: "mark alerted \(key)") { row in
                var machine = LedgerStateMachine(row)
                return machine.markAlerted(at: instant)
            }
        }
    }

    /// What the returns mailbox said about a post; nil when nothing changed. See `LedgerStateMachine.returned`.
    @discardableResult
    package func recordReturn(
        _ mail: ReturnedMail,
        for key: MailingKey,
        now: Date
    ) async throws(LedgerError)
        -> LedgerEntry?
    {
        try await transition(key, operation: "record return \(key)") { row in
            var machine = LedgerStateMachine(row)
            return machine.returned(mail, now: now)
        }
    }

    /// Stamps rows as told to their chairs at `instant`; call only after the chairs' alert was accepted.
    package func markChairsAlerted(keys: [MailingKey], at instant: Date) async throws(LedgerError) {
        for key in keys {
            _ = try await transition(key, operation: "mark chairs alerted \(key)") { row in
                var machine = LedgerStateMachine(row)
                return machine.markChairsAlerted(at: instant)
            }
        }
    }
}

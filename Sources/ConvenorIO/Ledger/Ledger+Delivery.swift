package import ConvenorCore
package import Foundation
import GRDB

extension Ledger {
    /// Step 1 of the protocol: commits `claimed` (attempts + 1) before anything is sent. One transaction.
    ///
    /// Inserts the row if the ledger has not seen the mailing yet; due and valid_until follow the schedule. A final
    /// row is left alone (`.alreadyFinal`). A mailing that turned stale since it was planned is recorded `missed`
    /// instead (`.stale`), so rate limiting can never make mail late. The Message-ID is stored as given; derive it
    /// from the key so that a resend after a crash carries the same one.
    package func claim(_ mailing: Mailing, messageID: String, now: Date) async throws(LedgerError) -> ClaimResult {
        try await write("claim \(mailing.key)") { db in
            if let existing = try MailingRecord.find(mailing.key, in: db), existing.state.isFinal {
                return .alreadyFinal(existing.entry)
            }
            var record = try MailingRecord.findOrMake(mailing, now: now, in: db)
            record.updatedAt = now
            if now >= record.validUntil {
                record.state = .missed
                record.missedReason = MissReason.stale.description
                record.nextAttempt = nil
                try record.save(db)
                return .stale(record.entry)
            }
            let wasAlreadyClaimed = record.state == .claimed
            record.state = .claimed
            record.attempts += 1
            record.firstAttempt = record.firstAttempt ?? now
            record.messageID = messageID
            try record.save(db)
            return .claimed(record.entry, wasAlreadyClaimed: wasAlreadyClaimed)
        }
    }

    /// Step 3 of the protocol, with the retry decision made inside the transaction from the row's own attempts,
    /// first attempt and valid_until: the simplest call for the daemon.
    ///
    /// - Parameters:
    ///   - jitter: a uniform random fraction in `0..<1` (the core has no randomness).
    ///   - announcing: the meeting facts this mailing told the list; stored in the same transaction as `sent`.
    /// - Returns: the row after the change.
    @discardableResult
    package func record(
        _ outcome: DeliveryOutcome, for key: MailingKey, now: Date, policy: RetryPolicy, jitter: Double,
        announcing: AnnouncedOccurrence? = nil
    ) async throws(LedgerError) -> LedgerEntry {
        try await write("record \(key)") { db in
            let record = try Ledger.existing(key, in: db)
            let decision = policy.decision(
                for: outcome, attempts: max(record.attempts, 1), now: now, validUntil: record.validUntil,
                firstAttempt: record.firstAttempt ?? now, jitter: jitter)
            return try Ledger.apply(decision, to: record, now: now, announcing: announcing, in: db)
        }
    }

    /// Step 3 of the protocol with the retry time computed by the caller: a temporary failure with `retryAt` nil
    /// means the policy gave up, so the row becomes `failed`.
    @discardableResult
    package func record(
        _ outcome: DeliveryOutcome, for key: MailingKey, now: Date, retryAt: Date?,
        announcing: AnnouncedOccurrence? = nil
    ) async throws(LedgerError) -> LedgerEntry {
        let decision: RetryDecision
        switch outcome {
        case .delivered(let reply): decision = .sent(reply: reply)
        case .permanent(let reason): decision = .fail(reason: reason)
        case .temporary(let reason):
            decision = retryAt.map { .defer(until: $0, reason: reason) } ?? .fail(reason: "gave up: \(reason)")
        }
        return try await write("record \(key)") { db in
            try Ledger.apply(decision, to: try Ledger.existing(key, in: db), now: now, announcing: announcing, in: db)
        }
    }

    /// Undoes a claim that was never attempted (SIGTERM between claim and connect): the attempt is not counted and
    /// the row goes back to `scheduled` (or `deferred` if earlier attempts failed). Other states are left alone.
    @discardableResult
    package func release(key: MailingKey, now: Date) async throws(LedgerError) -> LedgerEntry {
        try await write("release \(key)") { db in
            var record = try Ledger.existing(key, in: db)
            guard record.state == .claimed else { return record.entry }
            record.attempts = max(0, record.attempts - 1)
            record.state = record.attempts == 0 ? .scheduled : .deferred
            if record.attempts == 0 { record.firstAttempt = nil }
            record.updatedAt = now
            try record.update(db)
            return record.entry
        }
    }

    /// Records a planned miss (stale or superseded); a row that is already final is left alone.
    @discardableResult
    package func markMissed(
        _ mailing: Mailing, reason: MissReason, now: Date
    ) async throws(LedgerError)
        -> LedgerEntry
    {
        try await finish(mailing, as: .missed, reason: reason.description, now: now)
    }

    /// Records that a mailing will not go out because its meeting was cancelled; a final row is left alone.
    @discardableResult
    package func markCancelled(
        _ mailing: Mailing, reason: String, now: Date
    ) async throws(LedgerError)
        -> LedgerEntry
    {
        try await finish(mailing, as: .cancelled, reason: reason, now: now)
    }

    /// Cancels a row the schedule no longer produces (`DeliveryPlan.orphaned`); nil if there is no such row.
    @discardableResult
    package func cancel(key: MailingKey, reason: String, now: Date) async throws(LedgerError) -> LedgerEntry? {
        try await write("cancel \(key)") { db in
            guard var record = try MailingRecord.find(key, in: db) else { return nil }
            guard !record.state.isFinal else { return record.entry }
            record.state = .cancelled
            record.missedReason = reason
            record.nextAttempt = nil
            record.updatedAt = now
            try record.update(db)
            return record.entry
        }
    }

    /// `convenor ledger retry KEY`: puts a `failed` or `missed` row back to `scheduled` with a fresh retry budget
    /// (attempts 0, no first attempt) and a fresh alert. Refuses stale mail and other states.
    package func retry(key: MailingKey, now: Date) async throws(LedgerError) -> RetryResult {
        try await write("retry \(key)") { db in
            guard var record = try MailingRecord.find(key, in: db) else { return .refused(.unknown(key)) }
            guard record.state == .failed || record.state == .missed else {
                return .refused(.notRetryable(key, record.state))
            }
            guard now < record.validUntil else { return .refused(.stale(key, validUntil: record.validUntil)) }
            // The planner supersedes for good: the later mailing stays due, so this one would be missed again.
            if record.state == .missed, let reason = record.missedReason, reason.hasPrefix("superseded") {
                return .refused(.superseded(key, reason: reason))
            }
            record.state = .scheduled
            record.attempts = 0
            record.firstAttempt = nil
            record.nextAttempt = nil
            record.missedReason = nil
            record.alertedAt = nil
            record.updatedAt = now
            // last_error stays: it is the history the operator acted on.
            try record.update(db)
            return .requeued(record.entry)
        }
    }

    private func finish(
        _ mailing: Mailing, as state: LedgerState, reason: String, now: Date
    ) async throws(LedgerError)
        -> LedgerEntry
    {
        try await write("mark \(state) \(mailing.key)") { db in
            if let existing = try MailingRecord.find(mailing.key, in: db), existing.state.isFinal {
                return existing.entry
            }
            var record = try MailingRecord.findOrMake(mailing, now: now, in: db)
            record.state = state
            record.missedReason = reason
            record.nextAttempt = nil
            record.updatedAt = now
            try record.save(db)
            return record.entry
        }
    }

    private static func existing(_ key: MailingKey, in db: Database) throws -> MailingRecord {
        guard let record = try MailingRecord.find(key, in: db) else {
            throw LedgerError(operation: "find", reason: .unknownMailing(key))
        }
        return record
    }

    /// Writes an attempt's decision. `sent` always wins, because the relay has the message; a failure only
    /// changes a row that is still `claimed` (it may have been cancelled meanwhile).
    private static func apply(
        _ decision: RetryDecision, to record: MailingRecord, now: Date, announcing: AnnouncedOccurrence?,
        in db: Database
    ) throws -> LedgerEntry {
        var record = record
        switch decision {
        case .sent(let reply):
            guard record.state != .sent else { return record.entry }
            record.state = .sent
            record.relayReply = reply
            record.sentAt = now
            record.nextAttempt = nil
            record.missedReason = nil
            if let announcing { try AnnouncedOccurrenceRecord(announcing).save(db) }
        case .defer(let until, let reason):
            guard record.state == .claimed else { return record.entry }
            record.state = .deferred
            record.nextAttempt = until
            record.lastError = reason
        case .fail(let reason):
            guard record.state == .claimed else { return record.entry }
            record.state = .failed
            record.nextAttempt = nil
            record.lastError = reason
        }
        record.updatedAt = now
        try record.update(db)
        return record.entry
    }
}

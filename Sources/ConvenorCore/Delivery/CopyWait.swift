package import Foundation

/// Duplicates (issue 18): Mailman 3 and mlmmj deliver a repeated Message-ID again, so resending a list post whose
/// outcome is unknown (the final dot went out and no reply came, or the process died mid-attempt) can reach every
/// member twice. With a returns mailbox, the resend waits `returns.copy_wait` after the attempt, and goes only if
/// the mailbox, read after that wait, has not shown the list's copy (which would have made the row `distributed`).
package enum CopyWait {
    /// True for a row whose last attempt may have reached the relay: left `claimed`, or deferred as unknown.
    package static func outcomeUnknown(_ row: LedgerEntry) -> Bool {
        row.state == .claimed
            || (row.state == .deferred && row.lastError?.hasPrefix(RetryPolicy.unknownOutcomePrefix) == true)
    }

    /// When the returns mailbox must have been read for `row`'s resend to go: the attempt plus the wait. Nil when
    /// nothing needs waiting for (not a list post, no returns mailbox, no wait, or the outcome is known).
    package static func deadline(_ row: LedgerEntry?, audience: Audience, copyWaitSeconds: Int?) -> Date? {
        guard let row, audience == .list, let copyWaitSeconds, copyWaitSeconds > 0, outcomeUnknown(row) else {
            return nil
        }
        return row.updatedAt.addingTimeInterval(TimeInterval(copyWaitSeconds))
    }

    /// Nil when the resend may go now; else the instant to look again (the deadline, or at once after a poll).
    package static func holdUntil(
        _ row: LedgerEntry?,
        audience: Audience,
        copyWaitSeconds: Int?,
        lastPoll: Date?,
        now: Date
    ) -> Date? {
        guard let deadline = deadline(row, audience: audience, copyWaitSeconds: copyWaitSeconds) else { return nil }
        if now < deadline { return deadline }
        // Past the wait: the mailbox must have been read since; the pass reads it first when it has not.
        if let lastPoll, lastPoll >= deadline { return nil }
        return now
    }
}

package import Foundation

/// Who leads the instances sharing one ledger (issue 20), and until when: one row, renewed by its holder while it
/// lives, taken over by another instance once it has expired.
///
/// The leader does the work that must happen once: the delivery pass (planning and claiming), operator alerts and
/// their hourly limit. The design follows Oban's `oban_peers` (one row per name; the holder extends `expires_at`;
/// anyone may replace an expired row) and River's leader election (resign on shutdown so the next instance need not
/// wait out the lease; compare against the database's clock, never an instance's, so skewed clocks cannot make two
/// leaders). `token` rises by one at every change of holder: the fencing token a leader's writes carry.
package struct LeaderLease: Hashable, Sendable, Codable {
    /// The instance holding the lease (`host:pid:random`, from `InstanceIdentity`).
    package var holder: String
    /// Increases at every change of holder, never on a renewal.
    package var token: Int
    /// When the current holder took the lease.
    package var acquiredAt: Date
    /// The lease is the holder's until this instant, by the ledger's clock.
    package var expiresAt: Date
    /// On the answer that took the lease over from another instance only: when that instance's lease ran out.
    /// Nil on a renewal, on the first lease, and when read back later.
    package var previousExpiresAt: Date?

    package init(holder: String, token: Int, acquiredAt: Date, expiresAt: Date, previousExpiresAt: Date? = nil) {
        self.holder = holder
        self.token = token
        self.acquiredAt = acquiredAt
        self.expiresAt = expiresAt
        self.previousExpiresAt = previousExpiresAt
    }

    /// True while the lease has not expired at `now`.
    package func isValid(at now: Date) -> Bool { now < expiresAt }

    /// The row after `instance` asks for the lease at `now` for `seconds`: renewed when it already holds it, taken
    /// over when there is none or it expired (a new token), unchanged when another instance holds a valid one.
    ///
    /// A store runs this as one conditional write (PostgreSQL: `INSERT ... ON CONFLICT DO UPDATE ... WHERE holder
    /// = me OR expires_at <= now()`), so two instances asking at once cannot both win.
    package static func request(
        _ current: LeaderLease?,
        by instance: String,
        now: Date,
        seconds: Int
    ) -> LeaderLease {
        let expiry = now.addingTimeInterval(TimeInterval(seconds))
        guard let current else {
            return LeaderLease(holder: instance, token: 1, acquiredAt: now, expiresAt: expiry)
        }
        if current.holder == instance {
            var renewed = current
            renewed.expiresAt = max(current.expiresAt, expiry)
            renewed.previousExpiresAt = nil
            return renewed
        }
        guard !current.isValid(at: now) else { return current }
        return LeaderLease(
            holder: instance,
            token: current.token + 1,
            acquiredAt: now,
            expiresAt: expiry,
            previousExpiresAt: current.expiresAt
        )
    }

    /// For how long, from this answer, a new holder leaves alone the rows its predecessor left `claimed`: one
    /// lease length after the predecessor's lease ran out. Nil when there is nothing to wait for.
    ///
    /// Why: a leader paused mid-send (SIGSTOP, a VM freeze) may have handed the message to the relay already; when
    /// it wakes it records the relay's answer (`Fencing` lets it while nobody claimed the row since). Claiming the
    /// row at once would send it a second time. A predecessor that died long ago costs nothing: its lease ran out
    /// more than a lease length before, so the hold is already over (`convenor run --once` after a crash resends).
    /// Counted from the database's instant of this answer (`expiresAt - seconds`), so the instance's own clock is
    /// never compared with the database's. A takeover whose answer was lost shows up as a renewal with a new token
    /// and no `previousExpiresAt`; the takeover instant (`acquiredAt`), later than the predecessor's expiry, then
    /// stands in for it and holds a little longer.
    package func claimHold(seconds: Int) -> TimeInterval? {
        guard previousExpiresAt != nil || token > 1 else { return nil }
        let answeredAt = expiresAt.addingTimeInterval(-TimeInterval(seconds))
        let lapsed = previousExpiresAt ?? acquiredAt
        let hold = lapsed.addingTimeInterval(TimeInterval(seconds)).timeIntervalSince(answeredAt)
        return hold > 0 ? hold : nil
    }

    /// The row after `instance` resigns at `now` (SIGTERM): expired at once if it held it, so the next instance
    /// takes over at its next renewal instead of waiting out the lease; unchanged otherwise.
    package static func resign(_ current: LeaderLease?, by instance: String, now: Date) -> LeaderLease? {
        guard var current, current.holder == instance else { return current }
        current.expiresAt = min(current.expiresAt, now)
        return current
    }
}

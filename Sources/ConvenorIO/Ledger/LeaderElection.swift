package import ConvenorCore
package import Foundation

/// A store several instances share (PostgreSQL) elects one leader through it (issue 20); see `LeaderLease` for the
/// rule and where it comes from. A store that does not conform (the SQLite file, which `StateLock` keeps to one
/// daemon) has one instance, which always leads.
package protocol LeaderElection: Sendable {
    /// Takes, renews or fails to take the lease for `seconds`, in one conditional write; returns the lease as it
    /// stands afterwards (held by `instance` or by another). `now` is for stores without a clock of their own; a
    /// database store uses the database's clock, so instances with skewed clocks agree.
    func requestLeadership(instance: String, seconds: Int, now: Date) async throws(LedgerError) -> LeaderLease

    /// Gives the lease up at once (SIGTERM), so the next instance need not wait out the lease.
    func resignLeadership(instance: String, now: Date) async throws(LedgerError)

    /// The lease as it stands, for `convenor ledger status`; nil when no instance ever led.
    func currentLeader() async throws(LedgerError) -> LeaderLease?

    /// The rows still `claimed` under lease `token`: what a new leader leaves to its predecessor for a while
    /// (`ClaimHold`).
    func claimedKeys(underToken token: Int) async throws(LedgerError) -> Set<MailingKey>
}

/// What a shared store asks a leading daemon before a write (issue 20's fencing): who it is and the token of the
/// lease it holds now, nil once the lease lapsed by the instance's own monotonic clock. `Leadership` provides it.
package protocol FencingTokenSource: Sendable {
    /// The instance's name in the lease row.
    var instance: String { get }
    /// The token of the lease this instance holds, nil when it holds none.
    var token: Int? { get }
    /// The token of the last lease this instance held, also after it lapsed: rows it claimed carry it, and the
    /// relay's outcome for them may still be written while no other instance claimed them since.
    var lastToken: Int? { get }
}

extension FencingTokenSource {
    package var lastToken: Int? { token }
}

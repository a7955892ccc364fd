/// Where one mailing stands in the ledger; raw values are the spellings stored in SQLite and printed by
/// `convenor ledger`.
///
/// The lifecycle is `scheduled` → `claimed` → `sent` | `deferred` | `failed`; `deferred` goes back to `claimed` at
/// the next attempt. `missed` (stale or superseded) and `cancelled` (the meeting or mailing went away) can be
/// reached from any state that is not final. Only `convenor ledger retry` leaves a final state, and only from
/// `failed` or `missed`.
package enum LedgerState: String, CaseIterable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// Known but never attempted (or released before an attempt, e.g. on SIGTERM).
    case scheduled
    /// The claim is committed and an attempt is under way; a row still `claimed` at start-up is a crash.
    case claimed
    /// The relay answered 250 after the final dot.
    case sent
    /// A temporary failure; the next attempt is at `nextAttempt`.
    case deferred
    /// A permanent failure, or temporary ones until the retry policy gave up; the operator is told.
    case failed
    /// Never sent because it became stale or was superseded while convenor was down; the operator is told.
    case missed
    /// Withdrawn (the meeting was cancelled or removed from the config); nobody needs to act.
    case cancelled

    /// Final states are never attempted again by the daemon.
    package var isFinal: Bool {
        switch self {
        case .sent, .failed, .missed, .cancelled: true
        case .scheduled, .claimed, .deferred: false
        }
    }

    /// The states a row may move to from this one (staying in the same state is always allowed).
    ///
    /// `LedgerStateMachine` checks every step against this table, and `LedgerStateMachineTests` checks that each
    /// edge is reached by some step: a new state is added here, in the machine, and in its tests. `sent` is
    /// reachable from everywhere because the relay's 250 is a fact, whatever the row said meanwhile.
    package var allowedTransitions: Set<LedgerState> {
        switch self {
        case .scheduled: [.claimed, .sent, .missed, .cancelled]
        case .claimed: [.scheduled, .sent, .deferred, .failed, .missed, .cancelled]
        case .deferred: [.claimed, .sent, .missed, .cancelled]
        case .failed, .missed: [.scheduled, .sent]
        case .cancelled: [.sent]
        case .sent: []
        }
    }

    /// States the operator must hear about (an `error` log line and the hourly alert mail).
    package var needsOperator: Bool {
        self == .failed || self == .missed
    }

    package var description: String { rawValue }
}

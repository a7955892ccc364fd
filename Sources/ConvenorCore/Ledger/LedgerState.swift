/// Where one mailing stands in the ledger; raw values are the spellings stored in SQLite and printed by
/// `convenor ledger`.
///
/// The lifecycle is `scheduled` → `claimed` → `sent` | `deferred` | `failed`; `deferred` goes back to `claimed` at
/// the next attempt. A list post then learns what the list did with it from the returns mailbox (issue 18):
/// `sent` → `distributed` (the list's own copy came back), `held` (a moderator or a click must release it),
/// `rejected` (the list refused it) or `bounced` (a mail server could not deliver it). `missed` (stale or superseded) and `cancelled` (the meeting or mailing went away) can be
/// reached from any state that is not final. Only `convenor ledger retry` leaves a final state, and only from
/// `failed` or `missed`.
package enum LedgerState: String, CaseIterable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// Known but never attempted (or released before an attempt, e.g. on SIGTERM).
    case scheduled
    /// The claim is committed and an attempt is under way; a row still `claimed` at start-up is a crash.
    case claimed
    /// Accepted by the relay: it answered 250 after the final dot. For a list post that is not yet proof that the
    /// members got it (a list may hold every post); `convenor ledger` says "accepted by the relay". The stored
    /// spelling stays `sent` so ledgers written before issue 18 read unchanged.
    case sent
    /// The list's own copy of the post came back to the returns mailbox: the members got it (`distributedAt`).
    case distributed
    /// The list holds the post for a moderator, or asks the sender to confirm it (`listWords`, `approvalLink`).
    case held
    /// The list refused the post for good, e.g. the posting address may not post (`listWords`).
    case rejected
    /// A mail server returned the post undelivered (`bounceStatus`, `bounceDiagnostic`).
    case bounced
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
        case .sent, .failed, .missed, .cancelled, .distributed, .held, .rejected, .bounced: true
        case .scheduled, .claimed, .deferred: false
        }
    }

    /// The states a row may move to from this one (staying in the same state is always allowed).
    ///
    /// `LedgerStateMachine` checks every step against this table, and `LedgerStateMachineTests` checks that each
    /// edge is reached by some step: a new state is added here, in the machine, and in its tests. `sent` is
    /// reachable from everywhere because the relay's 250 is a fact, whatever the row said meanwhile; so is
    /// `distributed` from any row whose message may have gone out (the list's copy is the stronger fact: a copy
    /// can arrive for a row left `claimed` or `deferred` after an unknown outcome). A held post can still be
    /// approved (`distributed`), refused or bounce; a hold, refusal or bounce arriving after the copy changes
    /// nothing.
    package var allowedTransitions: Set<LedgerState> {
        switch self {
        case .scheduled: [.claimed, .sent, .missed, .cancelled]
        case .claimed: [.scheduled, .sent, .deferred, .failed, .missed, .cancelled, .distributed]
        case .deferred: [.claimed, .sent, .missed, .cancelled, .distributed]
        case .failed: [.scheduled, .sent, .distributed]
        case .missed: [.scheduled, .sent]
        case .cancelled: [.sent]
        case .sent: [.distributed, .held, .rejected, .bounced]
        case .held: [.distributed, .rejected, .bounced]
        case .rejected, .bounced: [.distributed]
        case .distributed: []
        }
    }

    /// States the operator must hear about (an `error` log line and the hourly alert mail, once per mailing).
    package var needsOperator: Bool {
        switch self {
        case .failed, .missed, .held, .rejected, .bounced: true
        case .scheduled, .claimed, .sent, .deferred, .cancelled, .distributed: false
        }
    }

    /// States the group's chairs must hear about: the list did not pass the post on to the members.
    package var needsChairs: Bool {
        self == .held || self == .rejected || self == .bounced
    }

    /// The state in words for `convenor ledger`, `overview` and the chairs' web.
    package var words: String {
        switch self {
        case .sent: "accepted by the relay"
        case .distributed: "distributed by the list"
        case .held: "held by the list"
        case .rejected: "refused by the list"
        case .bounced: "returned undelivered"
        case .scheduled, .claimed, .deferred, .failed, .missed, .cancelled: rawValue
        }
    }

    package var description: String { rawValue }
}

/// The answer to `LedgerStateMachine.claim(_:messageID:now:)`. Only `.claimed` allows a send.
package enum ClaimResult: Hashable, Sendable {
    /// The claim is committed: send now with `entry.messageID`, then `record` the outcome.
    ///
    /// `wasAlreadyClaimed` is true when an earlier attempt was interrupted (a crash between claim and record): log
    /// a warning, because the relay may already have the message; the same Message-ID lets receivers drop the copy.
    case claimed(LedgerEntry, wasAlreadyClaimed: Bool)
    /// The row is already final (sent, failed, missed or cancelled); nothing was changed. Do not send.
    case alreadyFinal(LedgerEntry)
    /// The mailing turned stale since it was planned; it is now recorded `missed` ("stale"). Do not send; report it.
    case stale(LedgerEntry)

    /// True when the caller may send.
    package var allowsSend: Bool {
        if case .claimed = self { return true }
        return false
    }

    /// The row as it stands after the call.
    package var entry: LedgerEntry {
        switch self {
        case .claimed(let entry, _), .alreadyFinal(let entry), .stale(let entry): entry
        }
    }
}

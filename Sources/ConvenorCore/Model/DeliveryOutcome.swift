/// How one attempt to hand a message over ended, classified the way Postfix does.
///
/// The ledger and the retry policy act on this alone: `temporary` means try again later, `permanent` means stop and
/// tell the operator. `reply` / `reason` keep the relay's words for the operator (never a secret).
package enum DeliveryOutcome: Hashable, Sendable {
    /// The relay accepted the message (250 after the final dot); `reply` is its last reply line.
    case delivered(reply: String)
    /// 4xx, timeouts, refused or dropped connections: retry with backoff.
    case temporary(reason: String)
    /// The relay's 5xx about the message itself (RCPT or DATA), or a message that cannot be sent as it is.
    case permanent(reason: String)
    /// The relay or the way into it is broken (login, TLS, connection, credential): not the mailing's fault. The
    /// mailing waits and is retried until it would be stale; see `RelayTrouble`.
    case relayTrouble(RelayTrouble)
    /// The message was handed over (the final dot sent) but no reply came before the transfer was stopped: the
    /// relay may have accepted it. Retried like `temporary`, with the same Message-ID, and said so.
    case unknown(reason: String)

    /// A message of a batch that was never started: the batch was stopped first (SIGTERM, or the sender's leader
    /// lease lapsed). Nothing reached the relay.
    package static let stoppedBeforeStart = DeliveryOutcome.temporary(
        reason: "sending was stopped before this message (shutdown, or the leader lease lapsed)"
    )

    /// A transfer stopped (SIGTERM's grace ran out, or the leader lease lapsed) before the whole message was
    /// handed over: the relay has nothing to deliver.
    package static let cancelledBeforeAcceptance = DeliveryOutcome.temporary(
        reason: "sending was cancelled before the relay accepted the message"
    )

    /// True for the two ways a batch stops with nothing of the message in the relay's queue.
    package var leftNothingWithTheRelay: Bool {
        self == .stoppedBeforeStart || self == .cancelledBeforeAcceptance
    }

    package var isDelivered: Bool {
        if case .delivered = self { return true }
        return false
    }
}

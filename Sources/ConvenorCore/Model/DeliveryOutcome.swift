/// How one attempt to hand a message over ended, classified the way Postfix does.
///
/// The ledger and the retry policy act on this alone: `temporary` means try again later, `permanent` means stop and
/// tell the operator. `reply` / `reason` keep the relay's words for the operator (never a secret).
package enum DeliveryOutcome: Hashable, Sendable {
    /// The relay accepted the message (250 after the final dot); `reply` is its last reply line.
    case delivered(reply: String)
    /// 4xx, timeouts, refused or dropped connections: retry with backoff.
    case temporary(reason: String)
    /// 5xx and configuration errors (refused login, untrusted certificate, no STARTTLS): do not retry blindly.
    case permanent(reason: String)

    package var isDelivered: Bool {
        if case .delivered = self { return true }
        return false
    }
}

package import Foundation

/// The answer to `LedgerStateMachine.retry(now:)` (`convenor ledger retry KEY`).
package enum RetryResult: Hashable, Sendable {
    /// The row is `scheduled` again with a fresh retry budget; the daemon sends it at its next pass (or at once
    /// after SIGHUP) unless a later mailing for the same meeting has superseded it meanwhile.
    case requeued(LedgerEntry)
    /// Nothing changed; the refusal says why, in words for the operator.
    case refused(RetryRefusal)
}

/// Why `convenor ledger retry` refused.
package enum RetryRefusal: Hashable, Sendable, CustomStringConvertible {
    /// No ledger row has this key.
    case unknown(MailingKey)
    /// Only `failed` and `missed` rows can be retried.
    case notRetryable(MailingKey, LedgerState)
    /// The mailing is stale: sending it now would be late mail.
    case stale(MailingKey, validUntil: Date)
    /// A later mailing for the same meeting (or a newer reminder) replaced it: requeued, the daemon would only record
    /// it `missed` again and alert the operator a second time.
    case superseded(MailingKey, reason: String)

    package var description: String {
        switch self {
        case .unknown(let key):
            "no mailing \(key) in the ledger; `convenor ledger` lists the keys"
        case .notRetryable(let key, let state):
            "\(key) is \(state); only failed or missed mailings can be retried"
        case .stale(let key, let validUntil):
            "\(key) was only valid until \(validUntil.formatted(.iso8601)); sending it now would be stale, "
                + "so it stays as it is"
        case .superseded(let key, let reason):
            "\(key) was \(reason): the later mailing goes out in its place, so convenor will never send this "
                + "one; it stays as it is"
        }
    }
}

package import Foundation

/// One row of the ledger as the core sees it: what happened to one mailing key.
///
/// The IO ledger maps its SQLite rows to this value so that the planner and the CLI's `ledger` listing stay pure.
package struct LedgerEntry: Hashable, Sendable {
    package var key: MailingKey
    package var state: LedgerState
    /// The Message-ID (without angle brackets) used for every attempt, so a resend after a crash is recognisable.
    package var messageID: String?
    /// When the schedule said it was due, as of the last time the row was written.
    package var due: Date
    /// After this instant the mailing is stale and is never sent.
    package var validUntil: Date
    /// Attempts started (claims), including one interrupted by a crash.
    package var attempts: Int
    /// The first attempt, from which the retry policy's four-day cap runs.
    package var firstAttempt: Date?
    /// When a deferred mailing is tried again.
    package var nextAttempt: Date?
    /// The last temporary or permanent failure, in the relay's words.
    package var lastError: String?
    /// The relay's reply to the final dot of the accepted message.
    package var relayReply: String?
    package var createdAt: Date
    package var updatedAt: Date
    package var sentAt: Date?
    /// Why the mailing was recorded `missed` or `cancelled` ("stale", "superseded by agenda", ...).
    package var missedReason: String?
    /// When the operator was sent an alert about this row; nil while an alert is still owed.
    package var alertedAt: Date?

    // What came back from the list (issue 18). Every store keeps these as columns of the row, with the same
    // names in snake case (`posted_to`, `distributed_at`, ...): SQLite in migration v4, PostgreSQL likewise.

    /// The list address a list post went to, lower-cased; nil for mail to chairs or before the relay accepted it.
    package var postedTo: String?
    /// The Subject as sent (decoded), to tie a notice that quotes only the subject (Mailman 3's hold notice).
    package var subject: String?
    /// When the list's own copy was seen in the returns mailbox: the proof the members got it.
    package var distributedAt: Date?
    /// The list's words about a `held` or `rejected` post ("The message is not from a list member").
    package var listWords: String?
    /// Where a moderator approves (or the sender confirms) a held post, when the notice gives a link.
    package var approvalLink: String?
    /// A `bounced` post's RFC 3464 status ("5.1.1").
    package var bounceStatus: String?
    /// A `bounced` post's diagnostic, in the refusing server's words.
    package var bounceDiagnostic: String?
    /// When the group's chairs were told the list did not pass the post on; nil while that is still owed.
    package var chairsAlertedAt: Date?

    package init(
        key: MailingKey,
        state: LedgerState,
        messageID: String? = nil,
        due: Date,
        validUntil: Date,
        attempts: Int = 0,
        firstAttempt: Date? = nil,
        nextAttempt: Date? = nil,
        lastError: String? = nil,
        relayReply: String? = nil,
        createdAt: Date,
        updatedAt: Date,
        sentAt: Date? = nil,
        missedReason: String? = nil,
        alertedAt: Date? = nil,
        postedTo: String? = nil,
        subject: String? = nil,
        distributedAt: Date? = nil,
        listWords: String? = nil,
        approvalLink: String? = nil,
        bounceStatus: String? = nil,
        bounceDiagnostic: String? = nil,
        chairsAlertedAt: Date? = nil
    ) {
        self.key = key
        self.state = state
        self.messageID = messageID
        self.due = due
        self.validUntil = validUntil
        self.attempts = attempts
        self.firstAttempt = firstAttempt
        self.nextAttempt = nextAttempt
        self.lastError = lastError
        self.relayReply = relayReply
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.sentAt = sentAt
        self.missedReason = missedReason
        self.alertedAt = alertedAt
        self.postedTo = postedTo
        self.subject = subject
        self.distributedAt = distributedAt
        self.listWords = listWords
        self.approvalLink = approvalLink
        self.bounceStatus = bounceStatus
        self.bounceDiagnostic = bounceDiagnostic
        self.chairsAlertedAt = chairsAlertedAt
    }

    /// What the operator should do about a `failed` or `missed` row, for the alert mail and the `error` log line.
    package var operatorAdvice: String {
        switch state {
        case .failed:
            "fix the cause (\(lastError ?? "unknown error")), then run `convenor ledger retry \(key)`"
        case .missed:
            "it was not sent (\(missedReason ?? "stale")); tell the group if it matters, or run "
                + "`convenor ledger retry \(key)` if it is still useful"
        case .held:
            "the list held it (\(listWords ?? "awaiting approval")); "
                + (approvalLink.map { "approve it at \($0), or " } ?? "")
                + "ask the list owner to let \(postedTo.map { "posts to \($0)" } ?? "the posting address") through"
        case .rejected:
            "the list refused it (\(listWords ?? "not allowed to post")); ask the list owner to let the posting "
                + "address post, then send it by hand if it is still useful"
        case .bounced:
            "it came back undelivered (\([bounceStatus, bounceDiagnostic].compactMap { $0 }.joined(separator: " "))); "
                + "check the list address \(postedTo ?? "") in the group's file"
        default:
            "nothing to do"
        }
    }
}

/// The ledger at one instant, as a value: what the planner decides from.
package struct LedgerSnapshot: Hashable, Sendable {
    package var entries: [MailingKey: LedgerEntry]
    /// The facts last announced per occurrence, for the lifecycle issue (rescheduled / cancelled notices).
    package var announced: [OccurrenceKey: AnnouncedOccurrence]

    package init(entries: [MailingKey: LedgerEntry] = [:], announced: [OccurrenceKey: AnnouncedOccurrence] = [:]) {
        self.entries = entries
        self.announced = announced
    }

    /// Builds a snapshot from rows, e.g. in tests.
    package init(_ entries: [LedgerEntry], announced: [AnnouncedOccurrence] = []) {
        self.entries = Dictionary(entries.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
        self.announced = Dictionary(announced.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
    }

    package subscript(key: MailingKey) -> LedgerEntry? { entries[key] }
}

/// Trouble with the relay or convenor's way into it, which says nothing about the message: a refused login, TLS that
/// cannot be verified, a relay that cannot be reached, a credential that cannot be read.
///
/// Such an outcome never fails a mailing. The mailing waits (ledger state `deferred`, shown as `waiting: ...`), is
/// retried with backoff until it would be stale, and the operator is alerted at once and then at most hourly; after
/// the operator fixes the cause, the next pass or reload sends everything still useful. Only the relay's answer about
/// the message itself (5xx to RCPT or DATA) fails a mailing.
///
/// Transports classify into this type: `SMTPClassifier` for libcurl's results, and the OAuth2 token client for a
/// token endpoint that refuses the client or cannot be reached (use `.authentication` or `.credential`).
package struct RelayTrouble: Hashable, Sendable, CustomStringConvertible {
    /// Which part of the way to the relay failed.
    package enum Kind: String, Hashable, Sendable, CaseIterable {
        /// The relay (or the token endpoint) refused the login or requires one: 535, 530, no usable AUTH method.
        case authentication
        /// TLS: untrusted, expired or mismatched certificate, no STARTTLS offered, a failed handshake, bad ca_file.
        case tls
        /// The relay cannot be reached: name not found, connection refused, no greeting in time.
        case connection
        /// The password, token or other secret cannot be read (missing file, wrong mode, empty).
        case credential
        /// The delivery settings cannot be used (bad URL, a password without a username, libcurl setup).
        case configuration
    }

    package var kind: Kind
    /// What happened, in the operator's words, with the relay's reply where there is one (never a secret):
    /// `the relay refused the login (535 5.7.8 Authentication credentials invalid)`.
    package var summary: String
    /// What the operator should change: `check username and password_file /etc/convenor/smtp-password`.
    package var fix: String

    package init(kind: Kind, summary: String, fix: String) {
        self.kind = kind
        self.summary = summary
        self.fix = fix
    }

    /// The prefix of the ledger's `last_error` for a mailing waiting on relay trouble, as `convenor ledger` shows it.
    package static let waitingPrefix = "waiting: "

    /// `waiting: the relay refused the login (535 …); check username and password_file …`: the ledger's reason.
    package var ledgerReason: String { Self.waitingPrefix + description }

    package var description: String { fix.isEmpty ? summary : "\(summary); \(fix)" }
}

/// What goes in Mailman's `Approved:` header of a list post whose group has a moderator password
/// (`posting.approved_password_credential`, a credential convenor.yaml declares in `group_credentials:`).
///
/// The core never reads the password: the IO caller reads it with `SecretReader` (which refuses a file others can
/// read) and passes `.password`. Anything a person reads passes `.redacted` instead, so the header is visibly there
/// and the secret is not.
package enum ListApproval: Hashable, Sendable, CustomStringConvertible {
    /// The moderator password, for the copy that really goes to the list (the daemon).
    case password(String)
    /// `Approved: <redacted>`: for `preview` and for `send-test` copies, which go to a chair, not the list.
    case redacted

    /// The text written as the header's value.
    package var headerValue: String {
        switch self {
        case .password(let password): password
        case .redacted: Self.redactedText
        }
    }

    /// What previews show in place of the password.
    package static let redactedText = "<redacted>"

    /// Never the password, so a log line or an error that prints the value by mistake does not leak it.
    package var description: String { Self.redactedText }
}

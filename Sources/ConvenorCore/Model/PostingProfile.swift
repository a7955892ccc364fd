/// How convenor posts to one group's list (`posting:` in the group file).
///
/// List servers treat automated posts differently (PRODUCT.md): LISTSERV/JISCMail accepts posts only from a
/// subscribed address, Mailman 3 pre-approves a post carrying `Approved: <password>`, Sympa silently drops a post
/// with `Auto-Submitted`. The profile applies to the group's list posts only; mail to chairs, liaison and operator
/// keeps the installation's From and `Auto-Submitted: auto-generated`.
package struct PostingProfile: Hashable, Sendable {
    /// The address subscribed to the list: From and envelope MAIL FROM of list posts. Nil keeps the installation's.
    package var from: MailAddress?
    /// `approved_password_credential:`: the name of the credential (declared in convenor.yaml's
    /// `group_credentials:`) holding Mailman's moderator password. Never a path: a group may not point convenor at
    /// a file to mail. The core never reads it, the IO layer does.
    package var approvedPasswordCredential: String?
    /// Whether list posts carry `Auto-Submitted: auto-generated` (false by default: Sympa drops them).
    package var autoSubmitted: Bool
    /// Whether list posts carry the meeting as a text/calendar part and `.ics` attachment (true by default).
    package var attachCalendar: Bool

    /// The profile of a group file with no `posting:` block.
    package init(
        from: MailAddress? = nil,
        approvedPasswordCredential: String? = nil,
        autoSubmitted: Bool = false,
        attachCalendar: Bool = true
    ) {
        self.from = from
        self.approvedPasswordCredential = approvedPasswordCredential
        self.autoSubmitted = autoSubmitted
        self.attachCalendar = attachCalendar
    }
}

extension PostingProfile {
    /// True for an address at JISCMail or at a host whose name starts with `listserv.`: LISTSERV lists, which accept
    /// posts only from subscribed senders (or hold them for a moderator).
    package static func isListservAddress(_ address: String) -> Bool {
        guard let at = address.lastIndex(of: "@") else { return false }
        let host = address[address.index(after: at)...].lowercased()
        return host == "jiscmail.ac.uk" || host.hasPrefix("listserv.")
    }

    /// True for an address at googlegroups.com: a Google Group, which holds posts from non-members (or all posts,
    /// when moderated) and deletes a held post after `googleGroupsPendingDays`.
    package static func isGoogleGroupAddress(_ address: String) -> Bool {
        guard let at = address.lastIndex(of: "@") else { return false }
        return address[address.index(after: at)...].lowercased() == "googlegroups.com"
    }

    /// How long Google Groups keeps a post awaiting approval before deleting it (Google's help: 14 days).
    package static let googleGroupsPendingDays = 14
}

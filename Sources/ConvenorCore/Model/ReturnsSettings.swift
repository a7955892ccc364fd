/// The `returns:` block of convenor.yaml (issue 18): the mailbox that receives what comes back from the lists
/// (their copies, hold notices, refusals) and from mail servers (DSNs), read on the daemon's own clock.
///
/// The password is never here: only where to read it.
package struct ReturnsSettings: Hashable, Sendable {
    /// Where the returns mailbox is.
    package enum Mailbox: Hashable, Sendable {
        /// A Maildir on this machine (`cur/`, `new/`, `tmp/`), for a relay that delivers locally.
        case maildir(path: String)
        /// `imaps://HOST[:PORT]/MAILBOX` (TLS from the start) or `imap://HOST[:PORT]/MAILBOX` (STARTTLS required);
        /// the certificate is always verified.
        case imap(url: String, user: String, password: SecretSource, caFile: String?)
    }

    package var mailbox: Mailbox
    /// `poll_every:`: seconds between two looks at the mailbox.
    package var pollSeconds: Int
    /// `understood_folder:`: where understood mail is moved (a Maildir++ sub-folder, or an IMAP mailbox); mail
    /// convenor does not understand is never moved, flagged or deleted.
    package var understoodFolder: String
    /// `verp:`: list posts go out with `local+KEY@domain` as envelope sender, so a bounce that quotes nothing
    /// still finds its post (needs a relay and mailbox that keep `+` addresses).
    package var verp: Bool
    /// `copy_wait:`: a list post whose outcome is unknown is resent only when its list's copy has not come back
    /// within this many seconds of the attempt (lists deliver a repeated Message-ID again).
    package var copyWaitSeconds: Int
    /// Where `returns:` is, for messages.
    package var source: SourceLocation

    package static let defaultPollSeconds = 300
    package static let defaultFolder = "convenor-understood"
    package static let defaultCopyWaitSeconds = 900

    package init(
        mailbox: Mailbox,
        pollSeconds: Int = ReturnsSettings.defaultPollSeconds,
        understoodFolder: String = ReturnsSettings.defaultFolder,
        verp: Bool = false,
        copyWaitSeconds: Int = ReturnsSettings.defaultCopyWaitSeconds,
        source: SourceLocation = SourceLocation(file: "", line: 0, column: 0)
    ) {
        self.mailbox = mailbox
        self.pollSeconds = pollSeconds
        self.understoodFolder = understoodFolder
        self.verp = verp
        self.copyWaitSeconds = copyWaitSeconds
        self.source = source
    }

    /// The mailbox without user or password: safe for log lines.
    package var location: String {
        switch mailbox {
        case .maildir(let path): path
        case .imap(let url, let user, _, _): "\(url) (as \(user))"
        }
    }
}

package import ConvenorCore

/// One message read from the returns mailbox.
package struct ReturnsItem: Sendable, Hashable {
    /// Stable within the mailbox: `new/NAME` or `cur/NAME` in a Maildir, the UID over IMAP.
    package var id: String
    package var bytes: [UInt8]
    /// True when it was marked read before convenor looked (IMAP `\Seen`); convenor leaves it as it found it.
    package var wasSeen: Bool

    package init(id: String, bytes: [UInt8], wasSeen: Bool = false) {
        self.id = id
        self.bytes = bytes
        self.wasSeen = wasSeen
    }
}

/// Why the returns mailbox could not be read; never holds the password.
package struct ReturnsError: Error, Sendable, CustomStringConvertible {
    package var summary: String
    package var fix: String

    package init(summary: String, fix: String) {
        self.summary = summary
        self.fix = fix
    }

    package var description: String { "\(summary); \(fix)" }
}

/// The mailbox convenor reads what comes back from (issue 18's `returns:`): a local Maildir or an IMAP mailbox.
///
/// Reading never deletes. Mail convenor understood is moved to `returns.understood_folder`; everything else is left
/// exactly where and as it was (over IMAP its `\Seen` flag is put back), for a person to read.
package protocol ReturnsMailbox: Sendable {
    /// The messages waiting, oldest first, at most `limit`, without those whose id is in `skipping` (read before
    /// and left alone).
    func fetch(skipping: Set<String>, limit: Int) async throws(ReturnsError) -> [ReturnsItem]

    /// Moves `understood` to the understood folder, and puts back the unread state of `left`.
    func settle(understood: [ReturnsItem], left: [ReturnsItem]) async throws(ReturnsError)
}

/// The mailbox `settings` names, with its password read through `secrets`.
package enum ReturnsMailboxes {
    package static func make(
        _ settings: ReturnsSettings,
        secrets: any SecretReading
    ) throws(ReturnsError)
        -> any ReturnsMailbox
    {
        switch settings.mailbox {
        case .maildir(let path):
            return MaildirReturnsMailbox(path: path, folder: settings.understoodFolder)
        case .imap(let url, let user, let source, let caFile):
            let password: Secret
            do {
                password = try secrets.read(source)
            } catch {
                throw ReturnsError(
                    summary: "cannot read the returns mailbox's password: \(error)",
                    fix: "fix returns.password_file (or the credential) in \(settings.source)"
                )
            }
            return IMAPReturnsMailbox(
                url: url,
                user: user,
                password: password,
                caFile: caFile,
                folder: settings.understoodFolder
            )
        }
    }
}

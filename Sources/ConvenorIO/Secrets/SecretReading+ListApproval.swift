package import ConvenorCore

extension SecretReading {
    /// What the daemon passes as `MailingAssembler.assemble(_:approval:)` for `group`'s list posts: the moderator
    /// password from `posting.approved_password_file` (or `_credential`), or nil when the group has none.
    ///
    /// Read with the same rules as the SMTP password: a file that group or others can read is refused. Only the
    /// daemon's real send should call this; `preview` and `send-test` pass `.redacted` and never read the secret.
    package func listApproval(for group: Group) throws(SecretError) -> ListApproval? {
        guard let source = group.posting.approvedPassword else { return nil }
        return .password(try read(source).unredacted)
    }
}

package import ConvenorCore

extension SecretReading {
    /// What the daemon passes as `MailingAssembler.assemble(_:approval:)` for `group`'s list posts: the moderator
    /// password from the credential `posting.approved_password_credential` names, or nil when the group has none.
    ///
    /// The name must be one `installation` declares in `group_credentials:` (checked again here, not only by the
    /// parser). It is read from `secrets_dir` when set, with the SMTP password's rules (a file group or others can
    /// read is refused), else from systemd's `$CREDENTIALS_DIRECTORY`. Only the daemon's real send should call
    /// this; `preview` and `send-test` pass `.redacted` and never read the secret.
    package func listApproval(for group: Group, installation: Installation) throws(SecretError) -> ListApproval? {
        guard let name = group.posting.approvedPasswordCredential else { return nil }
        guard installation.groupCredentials.contains(name) else {
            throw SecretError(path: name, problem: .undeclaredCredential(name))
        }
        guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
            throw SecretError(path: name, problem: .invalidCredentialName(name))
        }
        let source = installation.secretsDirectory.map { SecretSource.file($0 + "/" + name) } ?? .credential(name)
        return .password(try read(source).unredacted)
    }
}

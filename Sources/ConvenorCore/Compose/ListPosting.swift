/// How one mailing is posted: the group's `posting:` profile applied to list posts, the installation's settings
/// to everything else.
///
/// Only the group's own list (audience `.list`) gets the profile: the call for members goes to other lists, where
/// the group's subscribed address and moderator password mean nothing, and mail to people keeps
/// `Auto-Submitted: auto-generated` so their auto-responders stay quiet.
struct ListPosting {
    /// From header.
    var from: MailAddress
    /// MAIL FROM: the subscribed `posting.from` for list posts (LISTSERV checks the envelope too), else the relay's
    /// `envelope_from` (where bounces go), else the From address.
    var envelopeFrom: String
    var autoSubmitted: Bool
    var attachCalendar: Bool
    /// Set when this is a list post of a group with a moderator password.
    var approvedPasswordCredential: String?

    init(mailing: Mailing, group: Group, installation: Installation) {
        guard mailing.audience == .list else {
            from = installation.from
            envelopeFrom = installation.bounceAddress
            autoSubmitted = mailing.audience.isAutomatedNotice
            attachCalendar = true
            approvedPasswordCredential = nil
            return
        }
        let profile = group.posting
        // A bare `posting.from` keeps the installation's display name, so members see the same sender name.
        from =
            profile.from.map {
                MailAddress(displayName: $0.displayName ?? installation.from.displayName, address: $0.address)
            } ?? installation.from
        envelopeFrom = profile.from?.address ?? installation.bounceAddress
        autoSubmitted = profile.autoSubmitted
        attachCalendar = profile.attachCalendar
        approvedPasswordCredential = profile.approvedPasswordCredential
    }

    /// `Approved:` when the group has a moderator password; an error when the caller did not say what to put in it.
    func extraHeaders(approval: ListApproval?, key: MailingKey) throws(AssemblyError) -> [MailHeader] {
        guard approvedPasswordCredential != nil else { return [] }
        guard let approval else {
            throw AssemblyError(
                key: key,
                reason: "the list's moderator password (`posting.approved_password_credential`) was not read, "
                    + "so the post would not be approved"
            )
        }
        return [MailHeader(name: "Approved", value: approval.headerValue)]
    }
}

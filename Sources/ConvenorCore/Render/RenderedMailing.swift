/// What a template produced for one mailing: the words, not yet a message.
///
/// The composer turns it into RFC 5322: it encodes the subject, sets Reply-To and normalises line ends. Templates
/// never build headers, so nothing a chair writes can add one.
package struct RenderedMailing: Hashable, Sendable {
    /// One line: any line break the template or a value produced is folded into a space.
    package var subject: String
    /// From the template's `reply_to:`; nil means the default (the chairs).
    package var replyTo: [MailAddress]?
    /// Plain text with LF line ends, ending in exactly one newline.
    package var body: String

    package init(subject: String, replyTo: [MailAddress]?, body: String) {
        self.subject = subject
        self.replyTo = replyTo
        self.body = body
    }
}

extension RenderedMailing {
    /// The Reply-To addresses to send with: the template's `reply_to:`, else the group's chairs (none for mail that
    /// concerns no group, such as the operator alert).
    package func replyToAddresses(defaultingTo group: Group?) -> [MailAddress] {
        if let replyTo { return replyTo }
        return group?.chairs.map { MailAddress(displayName: RenderText.oneLine($0.name), address: $0.email) } ?? []
    }
}

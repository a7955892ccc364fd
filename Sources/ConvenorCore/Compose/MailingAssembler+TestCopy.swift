package import Foundation

extension MailingAssembler {
    /// A test copy of `mailing` for one person (`send-test`, `preview --send-to`).
    ///
    /// Same template, calendar and attachments as the real mailing, but addressed only to `address` (in the To
    /// header too, so a chair's reply-all cannot reach the list), the subject prefixed `[TEST] `, and a Message-ID
    /// of its own so the list server and the ledger never mistake it for the real one.
    /// - Parameter nonce: differs between test sends (the caller's clock or random source; the core has neither).
    package func assembleTestCopy(
        _ mailing: Mailing,
        minutes: String? = nil,
        date: Date,
        to address: String,
        nonce: String
    ) throws(AssemblyError) -> AssembledMailing {
        let domain = config.installation.from.domain
        var copy = mailing
        copy.recipients = [address]
        return try assemble(
            copy,
            minutes: minutes,
            date: date,
            messageID: MessageID.makeTest(for: mailing.key, nonce: nonce, domain: domain),
            subjectPrefix: "[TEST] ",
            // A test copy goes to a person, not the list: it must never carry the moderator password.
            approval: .redacted
        )
    }
}

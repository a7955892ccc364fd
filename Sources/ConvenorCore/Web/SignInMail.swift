package import Foundation

/// The one-time sign-in link mail: plain words, the link, how long it works, and what to do if it was not you.
package enum SignInMail {
    /// How long a link works.
    package static let lifetime: TimeInterval = 15 * 60

    /// The message to `address` carrying `link`; `nonce` makes the Message-ID unique without revealing the token.
    package static func message(
        to address: String,
        link: String,
        installation: Installation,
        made: Date,
        nonce: String
    ) -> OutgoingMessage {
        let network = installation.network
        let body = """
            Hello,

            Someone (we hope you) asked to sign in to the groups pages of \(network) with this address.
            Open this link to sign in; it works once, for 15 minutes:

            \(link)

            If you did not ask, ignore this mail: nothing happens without the link.

            -- convenor, for \(network)
            """
        return OutgoingMessage(
            from: installation.from,
            to: [MailAddress(address: address)],
            subject: "Your sign-in link for the \(network) groups pages",
            date: made,
            messageID: "convenor-sign-in.\(nonce)@\(installation.from.domain)",
            autoSubmitted: true,
            textBody: body
        )
    }
}

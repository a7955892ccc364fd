/// One mailing made ready for the wire: what the template said, the message value, and its exact bytes.
///
/// `preview`, `send-test` and the daemon all go through `MailingAssembler`, so what a chair previews is what the
/// list receives, byte for byte apart from the Date header.
package struct AssembledMailing: Hashable, Sendable {
    package var mailing: Mailing
    package var rendered: RenderedMailing
    package var message: OutgoingMessage
    /// The RFC 5322 message, CRLF line ends.
    package var bytes: [UInt8]
    /// The iCalendar text when the kind carries one (also inside `bytes`), for `preview --out`'s `.ics` file.
    package var calendar: String?
    /// MAIL FROM.
    package var envelopeFrom: String
    /// RCPT TO.
    package var recipients: [String]

    package var messageID: String { message.messageID }
}

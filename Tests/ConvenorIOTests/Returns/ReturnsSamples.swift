import ConvenorCore
import ConvenorIO
import Foundation

/// Returns-mailbox messages about posts a test pass really sent: each quotes the post the way its sender does
/// (Mailman 3 quotes the subject, a DSN encloses the headers, the list's copy keeps the Message-ID).
enum ReturnsSamples {
    /// The Subject of a sent message, decoded.
    static func subject(of message: OutboundMessage) -> String {
        InboundMessage(bytes: message.data).subject
    }

    /// Mailman 3.3.8's "awaits moderator approval" notice (chains/hold.py), for a post to `list`.
    static func mailmanHold(list: String, subject: String) -> String {
        """
        MIME-Version: 1.0
        Content-Type: text/plain; charset="us-ascii"
        Content-Transfer-Encoding: 7bit
        Subject: Your message to \(list) awaits moderator approval
        From: \(list.replacing("@", with: "-bounces@"))
        To: groups@test.example.org
        Message-ID: <179619116167.21392.1387213153@localhost>
        Date: Wed, 10 Feb 2027 05:59:21 +0000
        Precedence: bulk
        X-Mailman-Version: 3.3.8
        List-Id: <\(list.replacing("@", with: "."))>

        Your mail to '\(list)' with the subject

            \(subject)

        Is being held until the list moderator can review it for approval.

        The message is being held because:

            The message is not from a list member

        Either the message will get posted to the list, or you will receive
        notification of the moderator's decision.  If you would like to cancel
        this posting, please visit the following URL:

            https://lists.test.example.org/mailman3/lists/alpha/held_message/7

        """
    }

    /// Postfix's DSN for an unknown recipient at the list's host, with the post's headers enclosed.
    static func postfixUnknownUser(recipient: String, messageID: String, subject: String) -> String {
        """
        Return-Path: <>
        Delivered-To: groups@test.example.org
        Date: Wed, 10 Feb 2027 09:00:03 +0000 (GMT)
        From: MAILER-DAEMON@relay.test.example.org (Mail Delivery System)
        Subject: Undelivered Mail Returned to Sender
        To: groups@test.example.org
        Auto-Submitted: auto-replied
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status;
        \tboundary="B0UND.1791360003/relay.test.example.org"
        Message-Id: <20270210090003.4Xyz1234Ab@relay.test.example.org>

        This is a MIME-encapsulated message.

        --B0UND.1791360003/relay.test.example.org
        Content-Description: Notification
        Content-Type: text/plain; charset=utf-8

        I'm sorry to have to inform you that your message could not
        be delivered to one or more recipients.

        --B0UND.1791360003/relay.test.example.org
        Content-Description: Delivery report
        Content-Type: message/delivery-status

        Reporting-MTA: dns; relay.test.example.org

        Final-Recipient: rfc822; \(recipient)
        Original-Recipient: rfc822;\(recipient)
        Action: failed
        Status: 5.1.1
        Diagnostic-Code: smtp; 550 5.1.1 <\(recipient)>: Recipient
            address rejected: User unknown in virtual mailbox table

        --B0UND.1791360003/relay.test.example.org
        Content-Description: Undelivered Message Headers
        Content-Type: text/rfc822-headers

        From: Test Groups <groups@test.example.org>
        To: \(recipient)
        Subject: \(subject)
        Message-ID: <\(messageID)>

        --B0UND.1791360003/relay.test.example.org--

        """
    }

    /// The list's own copy of a post as Mailman 3 sends it to a member: the Message-ID kept, `[Tag]` added.
    static func listCopy(list: String, messageID: String, subject: String) -> String {
        """
        From: Test Groups <groups@test.example.org>
        To: \(list)
        Subject: [Alpha] \(subject)
        Message-ID: <\(messageID)>
        Date: Wed, 10 Feb 2027 09:00:00 +0000
        List-Id: <\(list.replacing("@", with: "."))>
        List-Post: <mailto:\(list)>
        X-Mailman-Version: 3.3.8
        Precedence: list

        The meeting is on Wednesday.

        """
    }

    /// Mail convenor cannot make sense of: a person writing to the posting address.
    static let personal = """
        From: Someone <someone@elsewhere.example.net>
        To: groups@test.example.org
        Subject: lunch?
        Message-ID: <lunch.1@elsewhere.example.net>

        Are you free on Thursday?

        """

    /// `text` with CRLF line ends (what an IMAP server and most relays store).
    static func crlf(_ text: String) -> String {
        text.replacing("\r\n", with: "\n").replacing("\n", with: "\r\n")
    }
}

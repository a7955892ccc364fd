import ConvenorCore
import Foundation
import Testing

/// Every sample under `Fixtures/Returns/` with what the classifier must make of it.
@Suite struct ReturnClassifierTests {
    static func sampleData(_ name: String) throws -> Data {
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return try Data(contentsOf: fixtures.appendingPathComponent("Returns/\(name)"))
    }

    static func sample(_ name: String) throws -> InboundMessage {
        InboundMessage(bytes: Array(try sampleData(name)))
    }

    static let postID = "convenor.metadata-sig.agenda.2026-10.r0@aln.example.org"
    static let postSubject = "Agenda: Metadata SIG, Wednesday 14 October"

    struct Case: Sendable, CustomStringConvertible {
        var file: String
        var expected: ReturnedMail?
        var description: String { file }
    }

    static let cases: [Case] = [
        Case(
            file: "mailman3-hold-notice.eml",
            expected: ReturnedMail(
                verdict: .held(reason: "The message is not from a list member"),
                source: .mailman3,
                list: "members@lists.example.org",
                quotedSubject: postSubject
            )
        ),
        Case(
            file: "mailman3-list-copy.eml",
            expected: ReturnedMail(
                verdict: .distributed,
                source: .listServer,
                list: "subscribed@lists.example.org",
                quotedMessageID: "agenda.meta.2026-10.r2@convenor.aln.example.org",
                quotedSubject: "[Subscribed] Agenda: Métadonnées SIG, Wednesday 14 October"
            )
        ),
        Case(
            file: "postfix-dsn-unknown-user.eml",
            expected: ReturnedMail(
                verdict: .bounced(
                    status: "5.1.1",
                    diagnostic:
                        "550 5.1.1 <metadta-sig@lists.example.org>: Recipient address rejected: User unknown in virtual mailbox table",
                    recipient: "metadta-sig@lists.example.org"
                ),
                source: .mailServer,
                list: "metadta-sig@lists.example.org",
                quotedMessageID: postID,
                quotedSubject: postSubject
            )
        ),
        Case(
            file: "delay-dsn.eml",
            expected: ReturnedMail(
                verdict: .ignorable(why: "a delivery report (delayed)"),
                source: .mailServer,
                quotedMessageID: postID,
                quotedSubject: postSubject
            )
        ),
        Case(
            file: "sympa-authorization-denied.eml",
            expected: ReturnedMail(
                verdict: .rejected(reason: "The sender is not allowed to send messages to this list."),
                source: .sympa,
                list: "metadata-sig@lists.example.org",
                quotedMessageID: postID,
                quotedSubject: postSubject
            )
        ),
        Case(
            file: "sympa-forwarded-to-moderators.eml",
            expected: ReturnedMail(
                verdict: .held(reason: "forwarded to the list's moderators"),
                source: .sympa,
                list: "metadata-sig@lists.example.org"
            )
        ),
        Case(
            file: "mlmmj-deny-post.eml",
            expected: ReturnedMail(
                verdict: .rejected(reason: "the list refused it because you are not a list subscriber"),
                source: .mlmmj,
                list: "metadata-sig@lists.example.org",
                quotedMessageID: postID,
                quotedSubject: postSubject
            )
        ),
        Case(
            file: "mlmmj-awaiting-release.eml",
            expected: ReturnedMail(
                verdict: .held(reason: "moderators must release it because this is a moderated list"),
                source: .mlmmj,
                list: "metadata-sig@lists.example.org",
                quotedMessageID: postID,
                quotedSubject: postSubject
            )
        ),
        Case(
            file: "listserv-not-authorised.eml",
            expected: ReturnedMail(
                verdict: .rejected(reason: "the address is not authorised to post to the METADATA-SIG list"),
                source: .listserv,
                list: "metadata-sig@jiscmail.ac.uk",
                quotedMessageID: postID,
                quotedSubject: postSubject
            )
        ),
        Case(
            file: "listserv-confirm-posting.eml",
            expected: ReturnedMail(
                verdict: .confirmationRequested,
                source: .listserv,
                list: "metadata-sig@jiscmail.ac.uk",
                quotedMessageID: postID,
                quotedSubject: postSubject,
                link: "https://www.jiscmail.ac.uk/cgi-bin/wa-jisc.exe?OK=7A3C11B2&L=METADATA-SIG"
            )
        ),
        Case(
            file: "google-groups-pending.eml",
            expected: ReturnedMail(
                verdict: .held(reason: "pending approval by a moderator of the group (deleted after 14 days)"),
                source: .googleGroups,
                list: "metadata-sig@googlegroups.com",
                quotedSubject: postSubject,
                link: "https://groups.google.com/g/metadata-sig/pending"
            )
        ),
        Case(
            file: "out-of-office.eml",
            expected: ReturnedMail(
                verdict: .ignorable(why: "an automatic reply (RFC 3834)"),
                source: .autoResponder,
                quotedMessageID: postID
            )
        ),
    ]

    @Test("each list server's notice is recognised for what it says", arguments: cases)
    func recognises(_ testCase: Case) throws {
        #expect(ReturnClassifier.classify(try Self.sample(testCase.file)) == testCase.expected)
    }

    /// IMAP servers and most relays store mail with CRLF line ends; the samples are LF. Both must read the same.
    @Test("each sample with CRLF line ends is recognised exactly as with LF", arguments: cases)
    func recognisesWithCRLF(_ testCase: Case) throws {
        let text = String(decoding: try Self.sampleData(testCase.file), as: UTF8.self)
        let crlf = text.replacing("\r\n", with: "\n").replacing("\n", with: "\r\n")
        #expect(ReturnClassifier.classify(InboundMessage(bytes: Array(crlf.utf8))) == testCase.expected)
    }

    @Test("a message from a person that is not a notice is not recognised, so it stays in the mailbox")
    func leavesPersonalMailAlone() {
        let message = InboundMessage(
            bytes: Array(
                "From: Jo <jo@uni.example.ac.uk>\r\nSubject: Re: agenda\r\n\r\nThanks, see you there.\r\n".utf8
            )
        )
        #expect(ReturnClassifier.classify(message) == nil)
    }

    @Test("a member's out-of-office answer that came back through the list is an auto-reply, not the list's copy")
    func autoReplyThroughTheList() {
        let message = InboundMessage(
            bytes: Array(
                """
                From: Jo <jo@uni.example.ac.uk>\r
                To: metadata-sig@lists.example.org\r
                Subject: Out of office: \(Self.postSubject)\r
                Message-ID: <oof-1@uni.example.ac.uk>\r
                In-Reply-To: <\(Self.postID)>\r
                Auto-Submitted: auto-replied\r
                List-Id: Metadata SIG <metadata-sig.lists.example.org>\r
                List-Post: <mailto:metadata-sig@lists.example.org>\r
                \r
                I am away until Monday.\r

                """.utf8
            )
        )
        #expect(
            ReturnClassifier.classify(message)
                == ReturnedMail(
                    verdict: .ignorable(why: "an automatic reply (RFC 3834)"),
                    source: .autoResponder,
                    quotedMessageID: Self.postID
                )
        )
        // Exchange's "do not answer me automatically" on a person's reply through the list marks nothing automatic.
        let reply = InboundMessage(
            bytes: Array(
                ("From: Jo <jo@uni.example.ac.uk>\r\nMessage-ID: <reply-1@uni.example.ac.uk>\r\n"
                    + "X-Auto-Response-Suppress: All\r\nList-Id: <metadata-sig.lists.example.org>\r\n\r\nSee you.\r\n")
                    .utf8
            )
        )
        #expect(ReturnClassifier.classify(reply)?.verdict == .distributed)
    }

    @Test("a one-block DSN's status loses its comment as a per-recipient block's does")
    func oneBlockStatusWithComment() {
        let message = InboundMessage(
            bytes: Array(
                """
                From: MAILER-DAEMON@relay.example.org\r
                Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r
                \r
                --b\r
                Content-Type: text/plain\r
                \r
                Undeliverable.\r
                --b\r
                Content-Type: message/delivery-status\r
                \r
                Reporting-MTA: dns; relay.example.org\r
                Final-Recipient: rfc822; gone@lists.example.org\r
                Action: failed\r
                Status: 5.1.1 (bad destination mailbox address)\r
                --b--\r

                """.utf8
            )
        )
        let report = DeliveryStatusReport(message)
        #expect(report?.recipients.map(\.status) == ["5.1.1"], "\(String(describing: report))")
    }

    @Test("the out-of-office reply's ISO-8859-1 quoted-printable text is decoded")
    func decodesLatin1() throws {
        #expect(try Self.sample("out-of-office.eml").text.contains("Café opens at 10."))
    }
}

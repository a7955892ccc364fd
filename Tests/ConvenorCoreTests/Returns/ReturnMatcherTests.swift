import ConvenorCore
import Foundation
import Testing

@Suite struct ReturnMatcherTests {
    static let agenda = PostAwaitingReturn(
        key: MailingKey(group: "metadata-sig", kind: .agenda, occurrence: "2026-10"),
        messageID: "convenor.metadata-sig.agenda.2026-10.r0@aln.example.org",
        list: "members@lists.example.org",
        subject: "Agenda: Metadata SIG, Wednesday 14 October",
        acceptedAt: Date(timeIntervalSince1970: 1_791_360_000)
    )
    static let reminder = PostAwaitingReturn(
        key: MailingKey(group: "metadata-sig", kind: .reminder, occurrence: "2026-10"),
        messageID: "convenor.metadata-sig.reminder.2026-10.r0@aln.example.org",
        list: "members@lists.example.org",
        subject: "Reminder: Metadata SIG tomorrow",
        acceptedAt: Date(timeIntervalSince1970: 1_791_900_000)
    )

    @Test("Mailman's hold notice, which quotes only the subject, finds the post by list and subject")
    func bySubject() throws {
        let notice = try #require(
            ReturnClassifier.classify(try ReturnClassifierTests.sample("mailman3-hold-notice.eml"))
        )
        #expect(
            ReturnMatcher.match(notice, deliveredTo: [], verpBase: nil, posts: [Self.reminder, Self.agenda])
                == Self.agenda
        )
    }

    @Test("a hold notice about another list is tied to nothing")
    func otherList() throws {
        let notice = try #require(
            ReturnClassifier.classify(try ReturnClassifierTests.sample("mailman3-hold-notice.eml"))
        )
        var elsewhere = Self.agenda
        elsewhere.list = "other@lists.example.org"
        #expect(ReturnMatcher.match(notice, deliveredTo: [], verpBase: nil, posts: [elsewhere]) == nil)
    }

    @Test("a DSN that quotes the Message-ID finds its post; with the quote removed, the VERP address still does")
    func byMessageIDThenVERP() throws {
        var bounce = try #require(
            ReturnClassifier.classify(try ReturnClassifierTests.sample("postfix-dsn-unknown-user.eml"))
        )
        #expect(
            ReturnMatcher.match(bounce, deliveredTo: [], verpBase: nil, posts: [Self.reminder, Self.agenda])
                == Self.agenda
        )
        bounce.quotedMessageID = nil
        let verp = VERPAddress.make(base: "bounces@aln.example.org", messageID: Self.reminder.messageID)
        #expect(
            ReturnMatcher.match(
                bounce,
                deliveredTo: [verp],
                verpBase: "bounces@aln.example.org",
                posts: [Self.agenda, Self.reminder]
            ) == Self.reminder
        )
        #expect(
            ReturnMatcher.match(bounce, deliveredTo: [verp], verpBase: nil, posts: [Self.agenda, Self.reminder]) == nil
        )
    }

    @Test("a list copy counts only by its Message-ID, never by a subject a member's reply could share")
    func copyNeedsMessageID() {
        let copy = ReturnedMail(
            verdict: .distributed,
            source: .listServer,
            list: "members@lists.example.org",
            quotedMessageID: "other@x",
            quotedSubject: "[Members] Agenda: Metadata SIG, Wednesday 14 October"
        )
        #expect(ReturnMatcher.match(copy, deliveredTo: [], verpBase: nil, posts: [Self.agenda]) == nil)
        var ours = copy
        ours.quotedMessageID = Self.agenda.messageID
        #expect(ReturnMatcher.match(ours, deliveredTo: [], verpBase: nil, posts: [Self.agenda]) == Self.agenda)
    }

    @Test(
        "VERP keys round-trip and other addresses carry none",
        arguments: [
            ("bounces+0123456789abcdef@aln.example.org", "0123456789abcdef"),
            ("Bounces+0123456789ABCDEF@ALN.example.org", "0123456789abcdef"),
            ("bounces@aln.example.org", nil),
            ("bounces+0123@aln.example.org", nil),
            ("bounces+0123456789abcdef@other.example.org", nil),
            ("<bounces+0123456789abcdef@aln.example.org>", "0123456789abcdef"),
        ] as [(String, String?)]
    )
    func verpKeys(address: String, key: String?) {
        #expect(VERPAddress.key(in: address, base: "bounces@aln.example.org") == key)
    }

    @Test("list tags are stripped before subjects are compared")
    func normalisedSubjects() {
        #expect(ReturnMatcher.normalised("[Metadata-SIG]  [x] Agenda:\tMeeting") == "agenda: meeting")
    }
}

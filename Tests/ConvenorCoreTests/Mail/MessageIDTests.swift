import ConvenorCore
import Foundation
import Testing

@Suite struct MessageIDTests {
    @Test func derivesAReadableIDFromTheKey() {
        let key = MailingKey(group: "customer-services-cop", kind: .agenda, occurrence: "2026-10")
        #expect(
            MessageID.make(for: key, domain: "ALN.example.org")
                == "convenor.customer-services-cop.agenda.2026-10.r0@aln.example.org"
        )
        #expect(
            MessageID.make(
                for: MailingKey(group: "g", kind: .minutes, occurrence: "2026-12-03", revision: 2),
                domain: "x.org"
            ) == "convenor.g.minutes.2026-12-03.r2@x.org"
        )
    }

    @Test func escapesEverythingButLettersDigitsAndHyphens() {
        let key = MailingKey(group: "chess_club.ö", kind: .agenda, occurrence: "2026 10")
        let id = MessageID.make(for: key, domain: "bad domain!.org")
        #expect(id == "convenor.chess_5Fclub_2E_C3_B6.agenda.2026_2010.r0@bad_20domain_21.org")
        #expect(MessageID.isValid(id))
    }

    @Test func distinctKeysGiveDistinctIDs() {
        let keys = [
            MailingKey(group: "a.b", kind: .agenda, occurrence: "c"),
            MailingKey(group: "a", kind: .agenda, occurrence: "b.c"),
            MailingKey(group: "a_2Eb", kind: .agenda, occurrence: "c"),
            MailingKey(group: "a.b", kind: .agenda, occurrence: "c", revision: 1),
            MailingKey(group: String(repeating: "g", count: 100), kind: .agenda, occurrence: "c"),
            MailingKey(group: String(repeating: "g", count: 101), kind: .agenda, occurrence: "c"),
        ]
        let ids = keys.map { MessageID.make(for: $0, domain: "x.org") }
        #expect(Set(ids).count == keys.count)
        #expect(ids.allSatisfy { MessageID.isValid($0) && $0.utf8.count < 200 })
    }

    @Test func testCopiesNeverReuseTheMailingsID() {
        let key = MailingKey(group: "g", kind: .agenda, occurrence: "2026-10")
        let real = MessageID.make(for: key, domain: "x.org")
        let first = MessageID.makeTest(for: key, nonce: "20261124T090000Z", domain: "x.org")
        let second = MessageID.makeTest(for: key, nonce: "20261124T090001Z", domain: "x.org")
        #expect(first == "convenor-test.20261124T090000Z.g.agenda.2026-10.r0@x.org")
        #expect(first != real && first != second && MessageID.isValid(first))
    }

    @Test func calendarUIDsDependOnGroupAndOccurrenceOnly() {
        #expect(
            ICalendarUID.make(group: "customer-services-cop", occurrence: "2026-10", domain: "aln.example.org")
                == "convenor.customer-services-cop.2026-10@aln.example.org"
        )
    }

    @Test(arguments: ["a@b", "a.b@c.d", "x-y_z@q"])
    func acceptsDotAtomIDs(id: String) { #expect(MessageID.isValid(id)) }

    @Test(arguments: ["", "a", "a@", "@b", "a b@c", "<a@b>", "a@b\r\nBcc: x", "a..b@c", "a@b@c"])
    func rejectsAnythingElse(id: String) {
        #expect(!MessageID.isValid(id))
        var message = MailSamples.reminder
        message.messageID = id
        #expect(throws: MessageCompositionError.invalidMessageID(id)) { try MessageComposer().compose(message) }
    }

    @Test(arguments: [
        ("2026-11-24 09:00", "UTC", "Tue, 24 Nov 2026 09:00:00 +0000"),
        ("2026-07-01 08:30", "Europe/London", "Wed, 1 Jul 2026 09:30:00 +0100"),
        ("2026-11-01 06:59", "America/New_York", "Sun, 1 Nov 2026 01:59:00 -0500"),
        ("2026-11-01 05:59", "America/New_York", "Sun, 1 Nov 2026 01:59:00 -0400"),
        ("2027-01-01 00:00", "Asia/Kolkata", "Fri, 1 Jan 2027 05:30:00 +0530"),
        ("1969-12-31 23:59", "UTC", "Wed, 31 Dec 1969 23:59:00 +0000"),
    ])
    func datesUseRFC5322FormWithNumericZones(utc: String, zone: String, expected: String) throws {
        let date = MailSamples.instant(utc)
        #expect(RFC5322Date.format(date, in: try #require(TimeZone(identifier: zone))) == expected)
    }

    @Test func dateHeaderUsesTheComposersZone() throws {
        let composer = MessageComposer(dateTimeZone: try #require(TimeZone(identifier: "Europe/London")))
        var message = MailSamples.reminder
        message.date = MailSamples.instant("2026-06-01 12:00")
        #expect(
            MessageInvariants.headerValue("Date", in: try composer.compose(message)) == "Mon, 1 Jun 2026 13:00:00 +0100"
        )
    }
}

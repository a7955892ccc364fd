import ConvenorCore
@testable import ConvenorIO
import ConvenorTesting
import Foundation
import Testing

/// The next claim window is assembled while the current one is sent (issue 16). What goes out must be exactly what
/// assembling each message at its claim gives, and a row that already carries a Message-ID keeps it.
@Suite struct DeliveryPassPrepareAheadTests {
    /// The mailings the fixture's pass sends at `now`, by the Message-ID a first claim gives them.
    private func dueMailings(_ fixture: DaemonFixture, now: Date) -> [String: Mailing] {
        let domain = fixture.config.installation.from.domain
        let mailings = Scheduler(config: fixture.config).mailings(outstandingAt: now)
        return Dictionary(uniqueKeysWithValues: mailings.map { (MessageID.make(for: $0.key, domain: domain), $0) })
    }

    @Test func theSecondWindowsMessagesAreTheOnesAssemblingAtTheClaimGives() async throws {
        let fixture = try DaemonFixture(moreGroups: 13)
        defer { fixture.cleanUp() }
        let transport = RecordingTransport()
        fixture.clock.set("2027-02-09T12:00:00Z")
        let now = fixture.clock.now()
        let due = dueMailings(fixture, now: now)

        let result = await fixture.pass().run(fixture.configuration(transport))

        #expect(result.sent == 56)
        #expect(transport.batches.count == 2)
        let assembler = MailingAssembler(config: fixture.config, renderer: fixture.renderer)
        var compared = 0
        for message in transport.batches.joined() {
            let mailing = try #require(due[message.messageID], "an unexpected message \(message.messageID)")
            let expected = try assembler.assemble(mailing, date: now, messageID: message.messageID)
            #expect(message.data == expected.bytes, "\(mailing.key)")
            #expect(message.recipients == expected.recipients)
            compared += 1
        }
        #expect(compared == 56)
    }

    @Test func rowsLeftClaimedByAnInterruptedAttemptAreSentOnceEachWithTheIDsTheClaimStores() async throws {
        let fixture = try DaemonFixture(moreGroups: 13)
        defer { fixture.cleanUp() }
        let transport = RecordingTransport()
        fixture.clock.set("2027-02-09T12:00:00Z")
        let now = fixture.clock.now()
        let due = dueMailings(fixture, now: now)
        let mailings = Array(due.values)
        // An attempt of an earlier build that died after claiming, under Message-IDs that differ from today's.
        let earlier = mailings.map { "earlier.\(MessageID.make(for: $0.key, domain: "old.example.org"))" }
        _ = try await fixture.ledger.claimAll(mailings, messageIDs: earlier, now: now.addingTimeInterval(-600))

        let result = await fixture.pass().run(fixture.configuration(transport))

        #expect(result.sent == 56)
        #expect(transport.batches.count == 2)
        #expect(transport.messages.count == 56 && Set(transport.messages.map(\.messageID)) == Set(due.keys))
        for message in transport.messages {
            let mailing = try #require(due[message.messageID])
            // What the ledger stored at this claim is what went out, in the header too.
            #expect(try await fixture.ledger.entry(for: mailing.key)?.messageID == message.messageID)
            #expect(String(decoding: message.data, as: UTF8.self).contains("Message-ID: <\(message.messageID)>"))
        }
        #expect(fixture.logs.all.filter { $0.contains("resending after an interrupted attempt") }.count == 56)
    }

    /// A message assembled ahead is used only under the Message-ID its claim stored, and only within a minute: a
    /// window held up by a slow relay sends mail dated when it goes, give or take that minute.
    @Test func aPreparedMessageIsUsedOnlyFreshAndUnderItsOwnMessageID() throws {
        let key = MailingKey(group: "alpha", kind: .agenda, occurrence: "2027-03-03", revision: 0)
        let message = OutboundMessage(
            envelopeFrom: "a@example.org",
            recipients: ["b@example.org"],
            messageID: "m@x",
            data: []
        )
        let at = DaemonFixture.instant("2027-02-09T12:00:00Z")
        let prepared = DeliveryPass.Prepared(
            at: at,
            messages: [key: DeliveryPass.Claimed(key: key, message: message, announcing: nil, posted: nil)]
        )
        #expect(prepared.message(for: key, messageID: "m@x", now: at.addingTimeInterval(60)) != nil)
        #expect(prepared.message(for: key, messageID: "m@x", now: at.addingTimeInterval(61)) == nil)
        #expect(prepared.message(for: key, messageID: "other@x", now: at) == nil)
        let other = MailingKey(group: "alpha", kind: .agenda, occurrence: "2027-03-04", revision: 0)
        #expect(prepared.message(for: other, messageID: "m@x", now: at) == nil)
        #expect(DeliveryPass.Prepared().message(for: key, messageID: "m@x", now: at) == nil)
    }
}

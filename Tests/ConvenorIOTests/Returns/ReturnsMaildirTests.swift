import ConvenorCore
import ConvenorIO
import ConvenorTesting
import Foundation
import Testing

/// The daemon reading a local Maildir (issue 18): what the lists sent back becomes ledger facts, understood mail
/// moves to the understood folder, and the chairs and the operator hear of a held or returned post once.
@Suite struct ReturnsMaildirTests {
    /// A fixture whose convenor.yaml reads `DIR/returns` as its returns Maildir every 5 minutes.
    private func fixture() throws -> (DaemonFixture, String) {
        let fixture = try DaemonFixture { directory in
            "returns:\n  mailbox: \(directory)/returns\n  poll_every: 5 minutes\n"
        }
        let maildir = fixture.directory + "/returns"
        for sub in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(atPath: "\(maildir)/\(sub)", withIntermediateDirectories: true)
        }
        return (fixture, maildir)
    }

    private func deliver(_ text: String, as name: String, to maildir: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: "\(maildir)/new/\(name)"))
    }

    private func key(_ occurrence: String) -> MailingKey {
        MailingKey(group: "alpha", kind: .announcement, occurrence: occurrence, revision: 0)
    }

    @Test(arguments: ["LF", "CRLF"]) func heldBouncedAndDistributedPostsAreRecordedAndUnknownMailIsLeft(
        lineEnds: String
    ) async throws {
        let (fixture, maildir) = try fixture()
        defer { fixture.cleanUp() }
        let transport = RecordingTransport()
        await fixture.run(at: "2027-02-09T12:00:00Z", transport)
        let posts = transport.messages
        #expect(posts.count == 4)
        func post(_ occurrence: String) throws -> OutboundMessage {
            try #require(posts.first { $0.messageID.contains(".announcement.\(occurrence).") })
        }
        let list = "alpha@lists.test.example.org"
        func ends(_ text: String) -> String { lineEnds == "CRLF" ? ReturnsSamples.crlf(text) : text }
        let held = try post("2027-03-03")
        let bounced = try post("2027-03-04")
        let copied = try post("2027-03-05")
        try deliver(
            ends(ReturnsSamples.mailmanHold(list: list, subject: ReturnsSamples.subject(of: held))),
            as: "1.hold",
            to: maildir
        )
        try deliver(
            ends(
                ReturnsSamples.postfixUnknownUser(
                    recipient: list,
                    messageID: bounced.messageID,
                    subject: ReturnsSamples.subject(of: bounced)
                )
            ),
            as: "2.dsn",
            to: maildir
        )
        try deliver(
            ends(
                ReturnsSamples.listCopy(
                    list: list,
                    messageID: copied.messageID,
                    subject: ReturnsSamples.subject(of: copied)
                )
            ),
            as: "3.copy",
            to: maildir
        )
        let personal = ends(ReturnsSamples.personal)
        try deliver(personal, as: "4.personal", to: maildir)

        let result = await fixture.run(at: "2027-02-10T10:00:00Z", transport)

        #expect(try await fixture.state(.announcement, "2027-03-03") == .held)
        #expect(try await fixture.state(.announcement, "2027-03-04") == .bounced)
        #expect(try await fixture.state(.announcement, "2027-03-05") == .distributed)
        #expect(try await fixture.state(.announcement, "2027-03-08") == .sent)
        let heldRow = try #require(try await fixture.ledger.entry(for: key("2027-03-03")))
        #expect(heldRow.listWords == "The message is not from a list member")
        let bouncedRow = try #require(try await fixture.ledger.entry(for: key("2027-03-04")))
        #expect(bouncedRow.bounceStatus == "5.1.1")
        #expect(bouncedRow.bounceDiagnostic?.contains("User unknown") == true)
        // Understood mail moved to the Maildir++ folder, marked seen; the personal mail untouched, byte for byte.
        let understood = try FileManager.default.contentsOfDirectory(atPath: "\(maildir)/.convenor-understood/cur")
        #expect(Set(understood) == ["1.hold:2,S", "2.dsn:2,S", "3.copy:2,S"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(maildir)/new") == ["4.personal"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(maildir)/new/4.personal")) == Data(personal.utf8))
        // The next look is one poll interval later: the daemon's own clock, no loop.
        #expect(result.nextWake.map { $0 <= DaemonFixture.instant("2027-02-10T10:05:00Z") } == true)

        // One mail to the chairs listing both posts, in a librarian's words, and the operator's alert.
        let alerts = transport.messages.dropFirst(4)
        let chairs = alerts.filter { $0.recipients == ["ann@test.example.org"] }
        #expect(chairs.count == 1)
        let chairsText = InboundMessage(bytes: chairs.first?.data ?? []).text
        #expect(
            chairsText.contains(
                "the address groups@test.example.org is not allowed to post to ALPHA@LISTS.TEST.EXAMPLE.ORG without "
                    + "approval; ask the list owner to add it"
            )
        )
        #expect(chairsText.contains("The message is not from a list member"))
        #expect(chairsText.contains("came back undelivered"))
        let operatorAlerts = alerts.filter { $0.recipients == ["ops@test.example.org"] }
        #expect(operatorAlerts.count == 1)
        let operatorText = InboundMessage(bytes: operatorAlerts.first?.data ?? []).text
        #expect(operatorText.contains("held") && operatorText.contains("5.1.1"))
        #expect(operatorAlerts.first?.envelopeFrom == fixture.config.installation.bounceAddress)

        // Later passes (a new process: a fresh pass state) alert nobody again, and leave the personal mail alone.
        let before = transport.messages.count
        await fixture.run(at: "2027-02-10T10:10:00Z", transport)
        await fixture.run(at: "2027-02-10T11:30:00Z", transport)
        #expect(transport.messages.count == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(maildir)/new") == ["4.personal"])
    }

    @Test func aMissingMaildirIsLoggedAndNothingElseChanges() async throws {
        let fixture = try DaemonFixture { directory in "returns: \(directory)/nowhere\n" }
        defer { fixture.cleanUp() }
        let transport = RecordingTransport()
        await fixture.run(at: "2027-02-09T12:00:00Z", transport)
        #expect(transport.messages.count == 4)
        #expect(fixture.logs.all.contains { $0.hasPrefix("error cannot read the returns mailbox") })
    }
}

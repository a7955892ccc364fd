import ConvenorCore
import ConvenorIO
import ConvenorTesting
import Foundation
import Testing

/// The daemon reading its returns mailbox from a real IMAP server (Dovecot on 127.0.0.1, TLS verified against a
/// throw-away CA) through libcurl: the list cases of issue 18, with CRLF mail as an IMAP server stores it.
///
/// Every wait is bounded: the start script waits at most 10 s for the listeners (and `timeout` bounds the script),
/// each libcurl transfer has its connect and total timeouts, and the suite's time limit ends a test that still
/// overran; `stop()` runs on every path, failures included.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct ReturnsIMAPTests {
    private func fixture(_ server: DovecotTestServer, scheme: String, caFile: String? = nil) throws -> DaemonFixture {
        let port = scheme == "imaps" ? server.imapsPort : server.starttlsPort
        return try DaemonFixture { _ in
            """
            returns:
              mailbox: \(scheme)://127.0.0.1:\(port)/INBOX
              user: returns
              password_file: \(server.passwordFile)
              ca_file: \(caFile ?? server.caFile)
              poll_every: 1 minute

            """
        }
    }

    @Test(arguments: ["imaps", "imap"])
    func unknownMemberBouncesHeldNoticeAlertsOnceCopyIsDistributedAndStrangeMailStays(
        scheme: String
    ) async throws {
        let server = try DovecotTestServer.start()
        defer { server.stop() }
        let fixture = try fixture(server, scheme: scheme)
        defer { fixture.cleanUp() }
        let transport = RecordingTransport()
        await fixture.run(at: "2027-02-09T12:00:00Z", transport)
        let posts = transport.messages
        func post(_ occurrence: String) throws -> OutboundMessage {
            try #require(posts.first { $0.messageID.contains(".announcement.\(occurrence).") })
        }
        let list = "alpha@lists.test.example.org"
        let held = try post("2027-03-03")
        let bounced = try post("2027-03-04")
        let copied = try post("2027-03-05")
        try server.deliver(
            ReturnsSamples.crlf(ReturnsSamples.mailmanHold(list: list, subject: ReturnsSamples.subject(of: held))),
            as: "1.hold"
        )
        try server.deliver(
            ReturnsSamples.crlf(
                ReturnsSamples.postfixUnknownUser(
                    recipient: list,
                    messageID: bounced.messageID,
                    subject: ReturnsSamples.subject(of: bounced)
                )
            ),
            as: "2.dsn"
        )
        try server.deliver(
            ReturnsSamples.crlf(
                ReturnsSamples.listCopy(
                    list: list,
                    messageID: copied.messageID,
                    subject: ReturnsSamples.subject(of: copied)
                )
            ),
            as: "3.copy"
        )
        try server.deliver(ReturnsSamples.crlf(ReturnsSamples.personal), as: "4.personal")

        await fixture.run(at: "2027-02-10T10:00:00Z", transport)

        #expect(try await fixture.state(.announcement, "2027-03-03") == .held)
        #expect(try await fixture.state(.announcement, "2027-03-04") == .bounced, "\(fixture.logs.all)")
        #expect(try await fixture.state(.announcement, "2027-03-05") == .distributed, "\(fixture.logs.all)")
        #expect(try await fixture.state(.announcement, "2027-03-08") == .sent)
        // Understood mail moved to the IMAP folder; the personal mail stays in INBOX, still unread.
        #expect(server.files(folder: "convenor-understood").count == 3)
        let inbox = server.files()
        #expect(inbox.count == 1)
        #expect(inbox.allSatisfy { !($0.components(separatedBy: ":2,").dropFirst().first ?? "").contains("S") })
        let alerts = transport.messages.dropFirst(posts.count)
        #expect(alerts.filter { $0.recipients == ["ann@test.example.org"] }.count == 1)
        #expect(alerts.filter { $0.recipients == ["ops@test.example.org"] }.count == 1)
        #expect(
            !fixture.logs.all.contains {
                $0.contains(try! String(contentsOfFile: server.passwordFile, encoding: .utf8))
            }
        )

        // The next polls read the strange mail again (a new process) and leave it alone; nobody is alerted twice.
        let before = transport.messages.count
        await fixture.run(at: "2027-02-10T10:02:00Z", transport)
        await fixture.run(at: "2027-02-10T11:30:00Z", transport)
        #expect(transport.messages.count == before)
        #expect(server.files().count == 1)
        #expect(
            server.files().allSatisfy { !($0.components(separatedBy: ":2,").dropFirst().first ?? "").contains("S") }
        )
    }

    @Test func aCertificateThatDoesNotVerifyIsRefusedAndNothingIsRead() async throws {
        let server = try DovecotTestServer.start()
        defer { server.stop() }
        // The system's roots do not know the throw-away CA.
        let fixture = try fixture(server, scheme: "imaps", caFile: "/etc/ssl/certs/ca-certificates.crt")
        defer { fixture.cleanUp() }
        try server.deliver(ReturnsSamples.crlf(ReturnsSamples.personal), as: "4.personal")
        await fixture.run(at: "2027-02-09T12:00:00Z", RecordingTransport())
        #expect(
            fixture.logs.all.contains {
                $0.hasPrefix("error cannot read the returns mailbox") && $0.contains("ca_file")
            }
        )
        #expect(server.files() == ["new/4.personal"])
    }
}

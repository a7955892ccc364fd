import ConvenorCore
import ConvenorIO
import ConvenorTesting
import Foundation
import Logging
import Testing

/// Delivery passes through the real SMTP transport to the loopback relay (aiosmtpd), with a real ledger file.
///
/// Each test has its own faulty listener and its own good one, so the tests run in parallel without reading each
/// other's events.
@Suite(
    .smtpServer([
        "rcpt451": .rcpt451, "rcpt451Later": .normal, "data451": .data451, "data451Later": .normal,
        "drop": .dropAfterData, "dropLater": .normal, "rcpt550": .rcpt550, "rcpt550Later": .normal,
        "data554": .data554, "data554Later": .normal, "twice": .normal,
    ])
)
struct DeliveryPassSMTPTests {
    let server = SMTPTestServer.current!

    private func transport(_ listener: String) -> SMTPTransport {
        let settings = SMTPSettings(
            url: server.url(listener),
            username: SMTPTestServer.username,
            password: .file(server.directory + "/password"),
            caFile: server.caFile,
            connectTimeoutSeconds: 10,
            responseTimeoutSeconds: 10
        )
        return SMTPTransport(
            settings: settings,
            secrets: SecretReader(credentialsDirectory: nil),
            logger: Logger(label: "test.smtp")
        )
    }

    private func messageIDs(_ listener: String) throws -> [String] {
        try server.messages(listener).compactMap { event in
            let text = String(decoding: event.data ?? [], as: UTF8.self)
            return text.split(separator: "\r\n").first { $0.hasPrefix("Message-ID: ") }.map(String.init)
        }
    }

    @Test func twoPassesInARowSendEachMailingOnceOverSMTP() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }

        let first = await fixture.run(at: "2027-02-09T12:00:00Z", transport("twice"))
        let second = await fixture.run(at: "2027-02-09T12:01:00Z", transport("twice"))

        #expect(first.sent == 4 && second.sent == 0)
        let ids = try messageIDs("twice")
        #expect(ids.count == 4 && Set(ids).count == 4)
        // One batch, one connection.
        #expect(try server.connectionCount("twice") == 1)
    }

    @Test(arguments: ["rcpt451", "data451", "drop"])
    func temporaryRelayFailureIsDeferredAndDeliveredOnALaterAttempt(listener: String) async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }

        let first = await fixture.run(at: "2027-02-09T12:00:00Z", transport(listener))
        #expect(first.deferred == 4 && first.sent == 0)
        let entry = try #require(
            try await fixture.ledger.entry(
                for: MailingKey(group: "alpha", kind: .announcement, occurrence: "2027-03-03", revision: 0)
            )
        )
        #expect(entry.state == .deferred && entry.nextAttempt == DaemonFixture.instant("2027-02-09T12:05:00Z"))

        // The relay recovered; the daemon wakes at the retry time.
        let later = await fixture.run(at: "2027-02-09T12:05:00Z", transport(listener + "Later"))
        #expect(later.sent == 4)
        let ids = try messageIDs(listener + "Later")
        #expect(Set(ids).count == 4)
        #expect(try await fixture.ledger.entries().allSatisfy { $0.state == .sent })
    }

    @Test(arguments: ["rcpt550", "data554"])
    func permanentRelayFailureIsFailedAndTheOperatorAlertIsDelivered(listener: String) async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }

        let first = await fixture.run(at: "2027-02-09T12:00:00Z", transport(listener))
        #expect(first.failed == 4)
        #expect(try await fixture.ledger.entries().allSatisfy { $0.state == .failed })
        // The same relay refuses the alert too: the log says so and the alert stays owed.
        #expect(fixture.logs.all.contains { $0.hasPrefix("error the operator alert could not be sent") })

        await fixture.run(at: "2027-02-09T12:05:00Z", transport(listener + "Later"))
        let alert = try #require(try server.messages(listener + "Later").first)
        #expect(alert.to == ["ops@test.example.org"])
        let text = String(decoding: alert.data ?? [], as: UTF8.self)
        #expect(text.contains("alpha/announcement/2027-03-03/0"))
        #expect(try await fixture.ledger.unalertedProblems().isEmpty)
        // Failed mail is not retried by itself.
        #expect(try server.messages(listener + "Later").count == 1)
    }
}

/// Relay trouble through the real transport: the mailing waits, the operator hears, a reload sends it.
@Suite(.smtpServer(["login": .normal]))
struct DeliveryPassRelayTroubleTests {
    let server = SMTPTestServer.current!

    @Test func aWrongPasswordWaitsAlertsAndAReloadAfterTheFixSendsEverything() async throws {
        let fixture = try DaemonFixture()
        defer { fixture.cleanUp() }
        let passwordFile = fixture.directory + "/relay-password"
        try Data("wrong\n".utf8).write(to: URL(fileURLWithPath: passwordFile))
        chmod(passwordFile, 0o600)
        let settings = SMTPSettings(
            url: server.url("login"),
            username: SMTPTestServer.username,
            password: .file(passwordFile),
            caFile: server.caFile,
            connectTimeoutSeconds: 10,
            responseTimeoutSeconds: 10
        )
        let transport = SMTPTransport(settings: settings, secrets: SecretReader(credentialsDirectory: nil))
        let pass = fixture.pass()
        fixture.clock.set("2027-02-09T12:00:00Z")

        let refused = await pass.run(fixture.configuration(transport))

        #expect(refused.failed == 0 && refused.waiting == 4 && refused.relayTrouble?.kind == .authentication)
        let waiting = try await fixture.ledger.entries(state: .deferred)
        #expect(waiting.count == 4)
        #expect(
            waiting.allSatisfy {
                $0.lastError?.hasPrefix("waiting: ") == true
                    && $0.lastError?.contains("the relay refused the login (535") == true
            }
        )
        #expect(fixture.logs.all.contains { $0.contains("the relay cannot be used") })

        // The operator fixes the file and reloads a minute later, long before the 5-minute backoff.
        let password = try String(contentsOfFile: server.directory + "/password", encoding: .utf8)
        try Data(password.utf8).write(to: URL(fileURLWithPath: passwordFile))
        fixture.clock.set("2027-02-09T12:01:00Z")
        await pass.retryWaiting()
        let fixed = await pass.run(fixture.configuration(transport))

        #expect(fixed.sent == 4, "\(fixture.logs.all)")
        #expect(try server.messages("login").count == 4)
    }
}

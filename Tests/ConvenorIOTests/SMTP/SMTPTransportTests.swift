import ConvenorCore
import ConvenorIO
import ConvenorTesting
import Foundation
import Logging
import Synchronization
import Testing

/// SMTPTransport against a real aiosmtpd relay on 127.0.0.1 (Tests/Support/smtp_server.py): TLS and AUTH checked
/// on the server side, every failure class from the SMTP issue, connection reuse and wire safety.
@Suite(
    .smtpServer([
        "deliver": .normal, "wrongPassword": .normal, "untrusted": .normal, "noStartTLS": .noStartTLS,
        "rcpt451": .rcpt451, "rcpt550": .rcpt550, "data451": .data451, "data554": .data554,
        "drop": .dropAfterData, "greeting421": .greeting421, "silent": .silent, "silentCancel": .silent,
        "batch": .normal, "smuggling": .normal, "refused": .normal, "smtps": .smtps, "mixed": .normal,
        "secrets": .normal, "secretsRejected": .data554, "secretsPlain": .noStartTLS,
        "measureOne": .normal, "measureEach": .normal, "lapse": .normal, "lapseSilent": .silent,
        "lapseAfterDot": .slowData,
    ])
)
struct SMTPTransportTests {
    let server: SMTPTestServer

    init() throws {
        server = try #require(SMTPTestServer.current)
    }

    @Test func deliversOverStartTLSWithAuthenticationTheServerVerifies() async throws {
        let message = Self.message(1)
        let outcomes = await transport("deliver").deliver([message])

        #expect(outcomes == [.delivered(reply: "250 2.0.0 Ok: queued")])
        let received = try #require(try server.messages("deliver").first)
        #expect(received.tls == true)
        #expect(received.user == SMTPTestServer.username)
        #expect(received.from == "convenor@example.org")
        #expect(received.to == ["member@example.org"])
        #expect(received.data == message.data)
    }

    @Test func wrongPasswordIsRelayTroubleAndNamesThePasswordFile() async throws {
        let outcomes = await transport("wrongPassword", wrongPassword: true).deliver([Self.message(1)])

        let reason = try #require(Self.relayTroubleReason(outcomes.first, .authentication))
        #expect(reason.hasPrefix("the relay refused the login (535 5.7.8"))
        #expect(reason.contains("check username and password_file \(server.directory)/wrong-password"))
        #expect(!reason.contains("not-the-password"))
        #expect(try server.messages("wrongPassword").isEmpty)
    }

    @Test func untrustedCertificateIsRelayTroubleAndSaysSo() async throws {
        let outcomes = await transport("untrusted", trustTestCA: false).deliver([Self.message(1)])

        let reason = try #require(Self.relayTroubleReason(outcomes.first, .tls))
        #expect(reason.hasPrefix("the relay's certificate is not trusted: SSL certificate problem"))
        #expect(reason.contains("ca_file"))
        #expect(try server.events("untrusted").filter { $0.event != "connect" }.isEmpty)
    }

    @Test func relayWithoutStartTLSGetsNoMessageAndNoPassword() async throws {
        let outcomes = await transport("noStartTLS").deliver([Self.message(1)])

        let reason = try #require(Self.relayTroubleReason(outcomes.first, .tls))
        #expect(reason.hasPrefix("the relay does not offer STARTTLS; convenor only sends over TLS: "))
        #expect(try server.connectionCount("noStartTLS") == 1)
        #expect(try server.events("noStartTLS").map(\.event) == ["connect"])
    }

    @Test(arguments: [
        (
            "rcpt451",
            DeliveryOutcome.temporary(
                reason: "the relay deferred the message (451 4.3.0 Mailbox temporarily unavailable)"
            )
        ),
        ("rcpt550", .permanent(reason: "the relay rejected the message (550 5.1.1 No such user here)")),
        ("data451", .temporary(reason: "the relay deferred the message (451 4.3.0 Queue full, try again later)")),
        ("data554", .permanent(reason: "the relay rejected the message (554 5.6.0 Message refused)")),
    ])
    func relayRepliesAreClassifiedByTheirCode(listener: String, expected: DeliveryOutcome) async throws {
        let outcomes = await transport(listener).deliver([Self.message(1)])
        #expect(outcomes == [expected])
    }

    /// The relay has the whole message (it recorded it) and then hung up: convenor cannot know whether it will be
    /// delivered, so it says "unknown" (and retries with the same Message-ID), never "not sent".
    @Test func connectionDroppedAfterTheFinalDotIsUnknown() async throws {
        let outcomes = await transport("drop").deliver([Self.message(1)])

        guard case .unknown(let reason)? = outcomes.first else {
            Issue.record("expected an unknown outcome, got \(outcomes)")
            return
        }
        #expect(reason.hasPrefix("the message was handed over but the relay had not answered"))
        #expect(try server.messages("drop").count == 1)
    }

    @Test func greetingOf421IsTemporary() async throws {
        let outcomes = await transport("greeting421").deliver([Self.message(1)])
        #expect(
            outcomes == [
                .temporary(
                    reason:
                        "the relay deferred the message (421 4.3.2 Service not available, closing transmission channel)"
                )
            ]
        )
    }

    @Test func relayThatNeverGreetsIsConnectionTrouble() async throws {
        let start = ContinuousClock.now
        let outcomes = await transport("silent", connectTimeout: 2, responseTimeout: 2).deliver([
            Self.message(1), Self.message(2),
        ])

        let reason = try #require(Self.relayTroubleReason(outcomes.first, .connection))
        #expect(reason.hasPrefix("the relay did not greet in time: "))
        // The second message is not given a timeout of its own: one dead relay costs one timeout per batch.
        #expect(
            Self.relayTroubleReason(outcomes.last, .connection)?.hasPrefix("not attempted after an earlier failure: ")
                == true
        )
        #expect(ContinuousClock.now - start < .seconds(15))
        #expect(try server.connectionCount("silent") == 1)
    }

    @Test func cancellingTheTaskAbortsATransferInProgress() async throws {
        let transport = transport("silentCancel", connectTimeout: 120, responseTimeout: 120)
        let start = ContinuousClock.now
        let delivery = Task { await transport.deliver([Self.message(1)]) }
        try await Task.sleep(for: .milliseconds(500))
        delivery.cancel()
        let outcomes = await delivery.value

        #expect(outcomes == [.temporary(reason: "sending was cancelled before the relay accepted the message")])
        #expect(ContinuousClock.now - start < .seconds(15))
    }

    /// Issue 20's fence inside a batch: once the gate (a lapsed leader lease) says no, no further message starts.
    @Test func aGateThatClosesMidBatchStartsNoFurtherMessage() async throws {
        let messages = (1...5).map { Self.message($0) }
        let reported = Atomic<Int>(0)
        let outcomes = await transport("lapse").deliver(
            messages,
            while: { reported.load(ordering: .relaxed) < 2 },
            reporting: { _, _ in reported.add(1, ordering: .relaxed) }
        )

        #expect(outcomes.prefix(2).allSatisfy { $0.isDelivered }, "\(outcomes)")
        #expect(Array(outcomes.dropFirst(2)) == Array(repeating: .stoppedBeforeStart, count: 3))
        #expect(try server.messages("lapse").map(\.data) == messages.prefix(2).map(\.data))
    }

    /// The same gate is read by libcurl's progress callback: a transfer waiting on the relay is aborted too.
    @Test func aGateThatClosesAbortsATransferInProgress() async throws {
        let transport = transport("lapseSilent", connectTimeout: 120, responseTimeout: 120)
        let start = ContinuousClock.now
        let outcomes = await transport.deliver(
            [Self.message(1)],
            while: { ContinuousClock.now - start < .milliseconds(500) },
            reporting: { _, _ in }
        )

        #expect(outcomes == [.temporary(reason: "sending was cancelled before the relay accepted the message")])
        #expect(ContinuousClock.now - start < .seconds(15))
    }

    /// A gate that closes once the relay has the whole message lets its reply come: aborting then could only
    /// lose a 250, and the next leader would send the message again.
    @Test func aGateThatClosesAfterTheFinalDotWaitsForTheReply() async throws {
        let server = server
        let outcomes = await transport("lapseAfterDot").deliver(
            [Self.message(1), Self.message(2)],
            while: { (try? server.messages("lapseAfterDot").isEmpty) ?? true },
            reporting: { _, _ in }
        )

        #expect(outcomes.first?.isDelivered == true, "\(outcomes)")
        #expect(outcomes.last == .stoppedBeforeStart)
        #expect(try server.messages("lapseAfterDot").count == 1)
    }

    @Test func twentyMessagesShareOneConnectionAndOneLogin() async throws {
        let messages = (1...20).map { Self.message($0) }
        let outcomes = await transport("batch").deliver(messages)

        #expect(outcomes.allSatisfy { $0.isDelivered })
        #expect(try server.connectionCount("batch") == 1)
        #expect(try server.events("batch").filter { $0.event == "auth" }.count == 1)
        #expect(try server.messages("batch").map(\.data) == messages.map(\.data))
    }

    @Test func bareLineFeedsAndLoneDotsArriveWhole() async throws {
        let head = "From: convenor@example.org\r\nTo: member@example.org\r\nSubject: dots\r\n\r\n"
        let body = "line one\n.\nMAIL FROM:<evil@example.net>\n..two dots\rafter a lone CR\r\n.\r\nlast line\n"
        let message = OutboundMessage(
            envelopeFrom: "convenor@example.org",
            recipients: ["member@example.org"],
            messageID: "dots@example.org",
            data: Array((head + body).utf8)
        )
        let outcomes = await transport("smuggling").deliver([message])

        #expect(outcomes.allSatisfy { $0.isDelivered }, "\(outcomes)")
        let received = try #require(try server.messages("smuggling").first?.data)
        let expected =
            head
            + "line one\r\n.\r\nMAIL FROM:<evil@example.net>\r\n..two dots\r\nafter a lone CR\r\n.\r\nlast line\r\n"
        #expect(String(decoding: received, as: UTF8.self) == expected)
        #expect(try server.events("smuggling").filter { $0.event == "mail" }.count == 1)
    }

    @Test(arguments: [
        "member@example.org\r\nRCPT TO:<evil@example.net>", "member@example.org>", "two words@example.org",
    ])
    func addressThatCouldInjectCommandsIsRefusedBeforeConnecting(recipient: String) async throws {
        var message = Self.message(1)
        message.recipients = [recipient]
        let outcomes = await transport("refused").deliver([message])

        let reason = try #require(Self.permanentReason(outcomes.first))
        #expect(reason.hasPrefix("refused before connecting: the envelope recipient "))
        #expect(try server.connectionCount("refused") == 0)
    }

    @Test func badAddressFailsOnlyItsOwnMessage() async throws {
        var bad = Self.message(1)
        bad.envelopeFrom = "bounces@example.org\r\nDATA"
        let outcomes = await transport("mixed").deliver([bad, Self.message(2)])

        #expect(
            Self.permanentReason(outcomes.first)?.hasPrefix("refused before connecting: the envelope sender ") == true
        )
        #expect(outcomes.last == .delivered(reply: "250 2.0.0 Ok: queued"))
        #expect(try server.messages("mixed").map(\.data) == [Self.message(2).data])
    }

    @Test func relayThatRefusesTheConnectionIsConnectionTrouble() async throws {
        // Port 1 (tcpmux) has no listener on a test machine: the kernel refuses at once.
        let settings = SMTPSettings(url: "smtp://127.0.0.1:1", connectTimeoutSeconds: 5, responseTimeoutSeconds: 5)
        let outcomes = await SMTPTransport(settings: settings, secrets: SecretReader(credentialsDirectory: nil))
            .deliver([Self.message(1), Self.message(2)])

        #expect(
            Self.relayTroubleReason(outcomes.first, .connection)?.hasPrefix("cannot connect to the relay: ") == true
        )
        #expect(
            Self.relayTroubleReason(outcomes.last, .connection)?.hasPrefix("not attempted after an earlier failure: ")
                == true
        )
    }

    @Test func tokenIsSentAsXOAUTH2OverImplicitTLS() async throws {
        let tokenFile = server.directory + "/token"
        let settings = SMTPSettings(
            url: server.url("smtps", scheme: "smtps"),
            username: SMTPTestServer.username,
            token: .file(tokenFile),
            caFile: server.caFile,
            connectTimeoutSeconds: 10,
            responseTimeoutSeconds: 10
        )
        let outcomes = await SMTPTransport(settings: settings, secrets: SecretReader(credentialsDirectory: nil))
            .deliver([Self.message(1)])

        #expect(outcomes.allSatisfy { $0.isDelivered })
        let auth = try #require(try server.events("smtps").first { $0.event == "auth" })
        #expect(auth.mechanism == "XOAUTH2" && auth.ok == true)
        #expect(try server.messages("smtps").first?.tls == true)
    }

    @Test func passwordAppearsInNoOutcomeNoDescriptionAndNoLogLine() async throws {
        var printed: [String] = []
        let (logger, logged) = CollectingLogHandler.logger()
        // Listeners of its own: the other tests count connections on theirs.
        let cases = [("secrets", true), ("secrets", false), ("secretsRejected", true), ("secretsPlain", true)]
        for (listener, trust) in cases {
            let transport = transport(listener, trustTestCA: trust, logger: logger)
            let outcomes = await transport.deliver([Self.message(1)])
            printed += outcomes.map { String(describing: $0) } + outcomes.map { String(reflecting: $0) }
            var dumped = ""
            dump(transport, to: &dumped)
            printed += [String(describing: transport), dumped]
        }
        let secret = try SecretReader(credentialsDirectory: nil).read(.file(server.directory + "/password"))
        var dumpedSecret = ""
        dump(secret, to: &dumpedSecret)
        printed += ["\(secret)", String(reflecting: secret), dumpedSecret]

        printed += logged.all

        #expect(secret.unredacted == SMTPTestServer.password)
        #expect(logged.all.count >= 4)
        #expect(printed.count > 10)
        #expect(printed.allSatisfy { !$0.contains(SMTPTestServer.password) })
    }

    /// Not a timed assertion: prints the cost of a new connection per message for the report; asserts the counts.
    @Test func measureTwoHundredMessagesOnOneConnectionAgainstOneEach() async throws {
        let messages = (1...200).map { Self.message($0) }
        let reusing = transport("measureOne")
        let separate = transport("measureEach")

        let clock = ContinuousClock()
        var outcomes: [DeliveryOutcome] = []
        let oneConnection = await clock.measure { outcomes = await reusing.deliver(messages) }
        #expect(outcomes.allSatisfy { $0.isDelivered })
        outcomes = []
        let connectionEach = await clock.measure {
            for message in messages { outcomes += await separate.deliver([message]) }
        }
        #expect(outcomes.allSatisfy { $0.isDelivered })
        #expect(try server.connectionCount("measureOne") == 1)
        #expect(try server.connectionCount("measureEach") == 200)
        print("200 messages over STARTTLS+AUTH: one connection \(oneConnection), a new handle each \(connectionEach)")
    }

    // MARK: - Helpers

    private func transport(
        _ listener: String,
        wrongPassword: Bool = false,
        trustTestCA: Bool = true,
        connectTimeout: Int = 10,
        responseTimeout: Int = 10,
        logger: Logger = Logger(label: "convenor.smtp.test")
    ) -> SMTPTransport {
        let passwordFile = server.directory + (wrongPassword ? "/wrong-password" : "/password")
        let settings = SMTPSettings(
            url: server.url(listener),
            username: SMTPTestServer.username,
            password: .file(passwordFile),
            caFile: trustTestCA ? server.caFile : nil,
            connectTimeoutSeconds: connectTimeout,
            responseTimeoutSeconds: responseTimeout
        )
        return SMTPTransport(settings: settings, secrets: SecretReader(credentialsDirectory: nil), logger: logger)
    }

    static func message(_ number: Int) -> OutboundMessage {
        let text =
            "From: convenor@example.org\r\nTo: member@example.org\r\nSubject: Test \(number)\r\n"
            + "Message-ID: <test-\(number)@example.org>\r\n\r\nBody of message \(number).\r\n"
        return OutboundMessage(
            envelopeFrom: "convenor@example.org",
            recipients: ["member@example.org"],
            messageID: "test-\(number)@example.org",
            data: Array(text.utf8)
        )
    }

    static func permanentReason(_ outcome: DeliveryOutcome?) -> String? {
        if case .permanent(let reason)? = outcome { return reason }
        return nil
    }

    /// The trouble's words when `outcome` is relay trouble of `kind`.
    static func relayTroubleReason(_ outcome: DeliveryOutcome?, _ kind: RelayTrouble.Kind) -> String? {
        if case .relayTrouble(let trouble)? = outcome, trouble.kind == kind { return trouble.description }
        return nil
    }

    static func temporaryReason(_ outcome: DeliveryOutcome?) -> String? {
        if case .temporary(let reason)? = outcome { return reason }
        return nil
    }
}

import ConvenorCore
import ConvenorIO
import ConvenorTesting
import Foundation
import Logging
import Testing

/// `smtp.oauth2` end to end: the HTTPS token endpoint and the XOAUTH2-only relay of Tests/Support (one Python
/// process, the suite's throw-away CA), tokens that live a few seconds, and every way a token request fails.
@Suite(
    .smtpServer(
        [
            "fetch": .xoauth2, "midBatch": .xoauth2Slow, "revoked": .xoauth2Revoked, "refused": .xoauth2,
            "timeout": .xoauth2, "untrusted": .xoauth2, "plain": .xoauth2, "secrets": .xoauth2,
            "secretsRevoked": .xoauth2Revoked, "wrongSecret": .xoauth2,
        ],
        oauth2: true
    )
)
struct OAuth2TransportTests {
    let server: SMTPTestServer

    init() throws {
        server = try #require(SMTPTestServer.current)
    }

    @Test func aTokenIsFetchedOnceOverVerifiedHTTPSAndReusedByTheNextBatch() async throws {
        let transport = transport("fetch", endpoint: "ok-3600-fetch")
        let first = await transport.deliver([Self.message(1), Self.message(2)])
        let second = await transport.deliver([Self.message(3)])

        #expect((first + second).allSatisfy { $0.isDelivered }, "\(first + second)")
        let requests = try requests(mode: "ok-3600-fetch")
        #expect(requests.count == 1)
        let request = try #require(requests.first)
        // RFC 6749 §4.4.2: form-encoded, and the secret (with & = + % space é / ? #) arrived intact.
        #expect(request.form_ok == true && request.secret_ok == true)
        #expect(request.grant_type == "client_credentials")
        #expect(request.scope == "https://outlook.office365.com/.default")
        #expect(request.content_type == "application/x-www-form-urlencoded")
        let auths = try server.events("fetch").filter { $0.event == "auth" }
        #expect(auths.count == 2)
        #expect(auths.allSatisfy { $0.mechanism == "XOAUTH2" && $0.ok == true && $0.user == SMTPTestServer.username })
        #expect(Set(auths.compactMap(\.token_id)).count == 1)
        #expect(try server.messages("fetch").count == 3)
    }

    @Test func aBatchLongerThanATokensLifeRefreshesMidBatchAndDeliversEveryMessage() async throws {
        // Tokens live 3 s; each message takes at least 0.5 s (the relay answers the final dot late): 10 messages
        // outlive two tokens. The relay refuses MAIL once a session's token has expired, so only a refresh
        // before expiry delivers everything.
        let messages = (1...10).map { Self.message($0) }
        let outcomes = await transport("midBatch", endpoint: "ok-3").deliver(messages)

        #expect(outcomes.allSatisfy { $0.isDelivered }, "\(outcomes)")
        #expect(try server.messages("midBatch").count == 10)
        let events = try server.events("midBatch")
        #expect(events.filter { $0.event == "mail-refused" }.isEmpty)
        let auths = events.filter { $0.event == "auth" }
        #expect(auths.allSatisfy { $0.ok == true })
        #expect(Set(auths.compactMap(\.token_id)).count >= 2, "\(auths.map(\.token_id))")
        #expect(try requests(mode: "ok-3").count >= 2)
        #expect(try server.connectionCount("midBatch") == auths.count)
    }

    @Test func aRevokedTokenIsFetchedOnceMoreThenReportedWithWhatToCheck() async throws {
        let outcomes = await transport("revoked", endpoint: "ok-600").deliver([Self.message(1), Self.message(2)])

        let reason = try #require(Self.configurationReason(outcomes.first))
        #expect(reason.hasPrefix("the relay refused a freshly fetched OAuth2 token for convenor@example.ac.uk (535"))
        #expect(reason.contains("SMTP.SendAsApp") && reason.contains("New-ServicePrincipal"))
        #expect(reason.contains("Add-MailboxPermission"))
        #expect(Self.configurationReason(outcomes.last)?.hasPrefix("not attempted after an earlier failure: ") == true)
        let auths = try server.events("revoked").filter { $0.event == "auth" }
        #expect(auths.count == 2)
        #expect(auths.allSatisfy { $0.ok == false && $0.reason == "revoked" })
        #expect(Set(auths.compactMap(\.token_id)).count == 2)
        #expect(try requests(mode: "ok-600").count == 2)
        #expect(try server.messages("revoked").isEmpty)
    }

    @Test(arguments: [
        ("invalid-client", "HTTP 401, invalid_client: AADSTS7000215: Invalid client secret provided.", "client_id"),
        ("unauthorized-client", "HTTP 400, unauthorized_client: AADSTS700016: Application with identifier", "tenant"),
        ("wrong-tenant", "HTTP 400, invalid_request: AADSTS90002: Tenant 'contoso.example' not found.", "tenant"),
        ("malformed", "answered HTTP 200 but not with an OAuth2 token (not JSON", "token_url"),
    ])
    func aTokenEndpointThatRefusesIsReportedWithItsWordsAndNothingReachesTheRelay(
        mode: String,
        said: String,
        check: String
    ) async throws {
        let outcomes = await transport("refused", endpoint: mode).deliver([Self.message(1)])

        let reason = try #require(Self.configurationReason(outcomes.first), "\(outcomes)")
        #expect(reason.hasPrefix("cannot get an OAuth2 token: the token endpoint 127.0.0.1:"))
        #expect(reason.contains(said), "\(reason)")
        #expect(reason.contains("check") && reason.contains(check))
        if mode != "malformed" {
            #expect(reason.contains("SMTP.SendAsApp"))
        }
        // Microsoft's trace and correlation lines stay out of the one-line reason.
        #expect(!reason.contains("Trace ID") && !reason.contains("\r") && !reason.contains("\n"))
        #expect(try server.connectionCount("refused") == 0)
    }

    @Test func aWrongClientSecretIsInvalidClientAndNamesTheSecretFile() async throws {
        let outcomes = await transport("wrongSecret", endpoint: "ok-3600-wrong", secretFile: "wrong-client-secret")
            .deliver([Self.message(1)])

        let reason = try #require(Self.configurationReason(outcomes.first))
        #expect(reason.contains("invalid_client"))
        #expect(reason.contains("client_secret_file \(server.directory)/wrong-client-secret"))
        #expect(!reason.contains("not-the-client-secret"))
        #expect(try server.connectionCount("wrongSecret") == 0)
    }

    @Test func aTokenEndpointThatTimesOutOrIsUnavailableIsTemporaryAndBounded() async throws {
        let start = ContinuousClock.now
        let slow = await transport("timeout", endpoint: "slow", timeouts: 2).deliver([Self.message(1), Self.message(2)])
        #expect(ContinuousClock.now - start < .seconds(15))
        let reason = try #require(Self.transientReason(slow.first), "\(slow)")
        #expect(reason.hasPrefix("cannot get an OAuth2 token: the token endpoint 127.0.0.1:"))
        #expect(reason.contains("did not answer in time") && reason.hasSuffix("will retry"))
        // One timeout for the whole batch: the second message is not given one of its own.
        #expect(slow.last == slow.first)

        let unavailable = await transport("timeout", endpoint: "unavailable").deliver([Self.message(1)])
        let busy = try #require(Self.transientReason(unavailable.first), "\(unavailable)")
        #expect(busy.contains("is unavailable (HTTP 503)"))
        #expect(try server.connectionCount("timeout") == 0)
    }

    @Test func aTokenEndpointWithAnUntrustedCertificateGetsNoSecret() async throws {
        let outcomes = await transport("untrusted", endpoint: "ok-3600-untrusted", trustTestCA: false)
            .deliver([Self.message(1)])

        let reason = try #require(Self.configurationReason(outcomes.first), "\(outcomes)")
        #expect(reason.contains("certificate is not trusted"))
        #expect(reason.contains("ca_file"))
        // The TLS handshake failed, so the endpoint never saw a request (nor the secret in it).
        #expect(try requests(mode: "ok-3600-untrusted").isEmpty)
        #expect(try server.connectionCount("untrusted") == 0)
    }

    @Test func plainHTTPOffLoopbackIsRefusedBeforeAnyRequest() async throws {
        var settings = settings("plain", endpoint: "ok-3600")
        settings.oauth2?.tokenURL = "http://login.example.org/tenant/oauth2/v2.0/token"
        let outcomes = await SMTPTransport(settings: settings, secrets: SecretReader(credentialsDirectory: nil))
            .deliver([Self.message(1)])

        let reason = try #require(Self.configurationReason(outcomes.first))
        #expect(reason.contains("plain http"))
        #expect(try server.connectionCount("plain") == 0)
    }

    @Test func neitherTheClientSecretNorATokenAppearsInAnyOutcomeOrLogLine() async throws {
        let (logger, logged) = CollectingLogHandler.logger()
        var printed: [String] = []
        for (listener, endpoint) in [
            ("secrets", "ok-3600-secrets"), ("secrets", "invalid-client"), ("secretsRevoked", "ok-3600-secrets"),
            ("secrets", "malformed"),
        ] {
            let transport = transport(listener, endpoint: endpoint, logger: logger)
            if let report = await transport.prepareToken() { printed.append(report.line) }
            let outcomes = await transport.deliver([Self.message(1)])
            printed += outcomes.map { String(describing: $0) } + outcomes.map { String(reflecting: $0) }
            var dumped = ""
            dump(transport, to: &dumped)
            printed += [String(describing: transport), dumped]
            if let token = transport.tokens.current {
                var dumpedToken = ""
                dump(token, to: &dumpedToken)
                printed += ["\(token)", dumpedToken]
            }
        }
        printed += logged.all

        #expect(logged.all.contains { $0.contains("OAuth2 token fetched") })
        #expect(printed.count > 20)
        // Tokens from oauth2_token_server.py all start "cnv1."; the secret is the suite's client secret.
        #expect(printed.allSatisfy { !$0.contains(SMTPTestServer.clientSecret) && !$0.contains("cnv1.") })
        #expect(printed.allSatisfy { !$0.contains("Qx8~s3cr") })
    }

    @Test func prepareTokenSaysFetchedThenReusedWithTheTokensLife() async throws {
        let transport = transport("fetch", endpoint: "ok-3599")
        let first = try #require(await transport.prepareToken())
        let second = try #require(await transport.prepareToken())

        #expect(first.line.hasPrefix("token: fetched from 127.0.0.1:\(server.ports["oauth2"] ?? 0), expires in 5"))
        #expect(first.line.hasSuffix(" minutes"))
        #expect(second.line.hasPrefix("token: reusing the one from 127.0.0.1:"))
        #expect(try requests(mode: "ok-3599").count == 1)
    }

    // MARK: - Helpers

    private func requests(mode: String) throws -> [SMTPTestServer.Event] {
        try server.tokenRequests().filter { $0.mode == mode }
    }

    private func settings(
        _ listener: String,
        endpoint: String,
        secretFile: String = "client-secret",
        trustTestCA: Bool = true,
        timeouts: Int = 10
    ) -> SMTPSettings {
        SMTPSettings(
            url: server.url(listener),
            username: SMTPTestServer.username,
            oauth2: OAuth2Settings(
                tokenURL: server.tokenURL(endpoint),
                clientID: SMTPTestServer.clientID,
                clientSecret: .file(server.directory + "/" + secretFile)
            ),
            caFile: trustTestCA ? server.caFile : nil,
            connectTimeoutSeconds: timeouts,
            responseTimeoutSeconds: timeouts
        )
    }

    private func transport(
        _ listener: String,
        endpoint: String,
        secretFile: String = "client-secret",
        trustTestCA: Bool = true,
        timeouts: Int = 10,
        logger: Logger = Logger(label: "convenor.oauth2.test")
    ) -> SMTPTransport {
        SMTPTransport(
            settings: settings(
                listener,
                endpoint: endpoint,
                secretFile: secretFile,
                trustTestCA: trustTestCA,
                timeouts: timeouts
            ),
            secrets: SecretReader(credentialsDirectory: nil),
            logger: logger
        )
    }

    static func message(_ number: Int) -> OutboundMessage {
        let text =
            "From: convenor@example.org\r\nTo: member@example.org\r\nSubject: OAuth2 \(number)\r\n"
            + "Message-ID: <oauth2-\(number)@example.org>\r\n\r\nBody of message \(number).\r\n"
        return OutboundMessage(
            envelopeFrom: "convenor@example.org",
            recipients: ["member@example.org"],
            messageID: "oauth2-\(number)@example.org",
            data: Array(text.utf8)
        )
    }

    /// The reason of an outcome the operator must act on (configuration trouble).
    static func configurationReason(_ outcome: DeliveryOutcome?) -> String? {
        if case .relayTrouble(let trouble)? = outcome { return trouble.description }
        return nil
    }

    /// The reason of an outcome that is retried with backoff.
    static func transientReason(_ outcome: DeliveryOutcome?) -> String? {
        if case .temporary(let reason)? = outcome { return reason }
        return nil
    }
}

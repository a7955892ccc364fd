import ConvenorCore
import ConvenorIO
import Testing

/// The classification table: CURLcode and reply code pairs as measured against aiosmtpd (see LIBCURL.md).
@Suite struct SMTPClassifierTests {
    static let credential = "password_file /etc/convenor/smtp-password"

    static func failure(_ code: Int, _ reply: Int, _ line: String? = nil, detail: String = "detail") -> CurlError {
        CurlError(code: code, operation: "curl_easy_perform", detail: detail, responseCode: reply, lastReply: line)
    }

    @Test(arguments: [
        (
            failure(67, 535, "535 5.7.8 Authentication credentials invalid"),
            DeliveryOutcome.relayTrouble(
                RelayTrouble(
                    kind: .authentication,
                    summary: "the relay refused the login (535 5.7.8 Authentication credentials invalid)",
                    fix: "check username and password_file /etc/convenor/smtp-password"
                )
            ),
            true
        ),
        (
            failure(67, 454, "454 4.7.0 Temporary authentication failure"),
            .temporary(
                reason: "the relay could not check the login just now (454 4.7.0 Temporary authentication failure)"
            ), true
        ),
        (
            failure(60, 220, detail: "SSL certificate problem: self-signed certificate"),
            .relayTrouble(
                RelayTrouble(
                    kind: .tls,
                    summary: "the relay's certificate is not trusted: SSL certificate problem: self-signed certificate",
                    fix: "if the relay uses a private certificate authority, name its certificate in ca_file; "
                        + "otherwise check the host name in url and the certificate's dates"
                )
            ),
            true
        ),
        (
            failure(64, 250, detail: "STARTTLS not supported."),
            .relayTrouble(
                RelayTrouble(
                    kind: .tls,
                    summary: "the relay does not offer STARTTLS; convenor only sends over TLS: STARTTLS not supported.",
                    fix: "use the relay's submission port (smtp://HOST:587) or smtps://HOST:465"
                )
            ),
            true
        ),
        (
            failure(55, 450, "450 4.2.0 Mailbox busy"),
            .temporary(reason: "the relay deferred the message (450 4.2.0 Mailbox busy)"), false
        ),
        (
            failure(55, 550, "550 5.1.1 No such user"),
            .permanent(reason: "the relay rejected the message (550 5.1.1 No such user)"), false
        ),
        (
            failure(8, 451, "451 4.3.0 Try later"),
            .temporary(reason: "the relay deferred the message (451 4.3.0 Try later)"), false
        ),
        (
            failure(8, 554, "554 5.6.0 Refused"),
            .permanent(reason: "the relay rejected the message (554 5.6.0 Refused)"), false
        ),
        (
            failure(8, 421, "421 4.3.2 Closing"),
            .temporary(reason: "the relay deferred the message (421 4.3.2 Closing)"), true
        ),
        (
            failure(55, 530, "530 5.7.0 Authentication required"),
            .relayTrouble(
                RelayTrouble(
                    kind: .authentication,
                    summary: "the relay requires a login (530 5.7.0 Authentication required)",
                    fix: "check username and password_file /etc/convenor/smtp-password"
                )
            ),
            true
        ),
        (failure(55, 550, "221 Bye"), .permanent(reason: "the relay rejected the message (550)"), false),
        (
            failure(7, 0, detail: "Failed to connect"),
            .relayTrouble(
                RelayTrouble(
                    kind: .connection,
                    summary: "cannot connect to the relay: Failed to connect",
                    fix:
                        "check the host and port in url, and that the firewall (IPAddressAllow=) lets convenor reach it"
                )
            ), true
        ),
        (
            failure(28, 0, detail: "Connection timed out"),
            .relayTrouble(
                RelayTrouble(
                    kind: .connection,
                    summary: "the relay did not greet in time: Connection timed out",
                    fix: "check the host and port in url, and connect_timeout"
                )
            ), true
        ),
        (
            failure(28, 354, detail: "Operation timed out"),
            .temporary(reason: "the relay did not answer in time: Operation timed out"), true
        ),
        (
            failure(56, 354, detail: "Connection reset"),
            .temporary(reason: "the connection to the relay broke: Connection reset"), false
        ),
        (failure(42, 0), .temporary(reason: "sending was cancelled before the relay accepted the message"), true),
        (
            failure(3, 0, detail: "URL rejected"),
            .relayTrouble(
                RelayTrouble(
                    kind: .configuration,
                    summary: "libcurl cannot send with this configuration: URL rejected (curl error 3)",
                    fix: "check delivery.smtp in convenor.yaml"
                )
            ), true
        ),
        (
            failure(77, 0, detail: "error setting certificate file: /x"),
            .relayTrouble(
                RelayTrouble(
                    kind: .tls,
                    summary: "ca_file cannot be used: error setting certificate file: /x",
                    fix: "name a PEM certificate file"
                )
            ), true
        ),
    ])
    func failureIsClassifiedFromCodeAndReply(error: CurlError, outcome: DeliveryOutcome, endsBatch: Bool) {
        let verdict = SMTPClassifier.classify(error, credential: Self.credential)
        #expect(verdict.outcome == outcome)
        #expect(verdict.endsBatch == endsBatch)
    }

    @Test func refusedLoginWithoutCredentialsSaysWhatToSet() {
        let verdict = SMTPClassifier.classify(
            Self.failure(55, 530, "530 5.7.0 Authentication required"),
            credential: nil
        )
        #expect(
            verdict.outcome
                == .relayTrouble(
                    RelayTrouble(
                        kind: .authentication,
                        summary: "the relay requires a login (530 5.7.0 Authentication required)",
                        fix: "set username and password_file"
                    )
                )
        )
    }

    /// Only the relay's answer about the message itself fails a mailing; everything about the relay waits.
    @Test func onlyA5xxToRcptOrDataIsPermanent() {
        let permanent = [Self.failure(55, 550, "550 5.1.1 No such user"), Self.failure(8, 554, "554 5.6.0 Refused")]
        for error in permanent {
            guard case .permanent = SMTPClassifier.classify(error, credential: nil).outcome else {
                Issue.record("\(error) should fail the mailing")
                continue
            }
        }
        let relay = [(67, 535), (60, 220), (64, 250), (55, 530), (7, 0), (6, 0), (35, 0), (77, 0), (28, 0)]
        for (code, reply) in relay {
            guard case .relayTrouble = SMTPClassifier.classify(Self.failure(code, reply), credential: nil).outcome
            else {
                Issue.record("curl \(code) / \(reply) is relay trouble, not the mailing's fault")
                continue
            }
        }
    }
}

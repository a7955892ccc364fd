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
            DeliveryOutcome.permanent(
                reason:
                    "the relay refused the username or password (535 5.7.8 Authentication credentials invalid): check username and password_file /etc/convenor/smtp-password"
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
            .permanent(
                reason:
                    "the relay's certificate is not trusted: SSL certificate problem: self-signed certificate; if the relay uses a private certificate authority, name its certificate in ca_file"
            ),
            true
        ),
        (
            failure(64, 250, detail: "STARTTLS not supported."),
            .permanent(
                reason:
                    "the relay does not offer STARTTLS; convenor only sends over TLS: STARTTLS not supported.; use the relay's submission port (smtp://HOST:587) or smtps://HOST:465"
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
            .permanent(
                reason:
                    "the relay requires a login (530 5.7.0 Authentication required): check username and password_file /etc/convenor/smtp-password"
            ),
            true
        ),
        (failure(55, 550, "221 Bye"), .permanent(reason: "the relay rejected the message (550)"), false),
        (
            failure(7, 0, detail: "Failed to connect"),
            .temporary(reason: "cannot connect to the relay: Failed to connect"), true
        ),
        (
            failure(28, 0, detail: "Connection timed out"),
            .temporary(reason: "the relay did not answer in time: Connection timed out"), true
        ),
        (
            failure(56, 354, detail: "Connection reset"),
            .temporary(reason: "the connection to the relay broke: Connection reset"), false
        ),
        (failure(42, 0), .temporary(reason: "sending was cancelled before the relay accepted the message"), true),
        (
            failure(3, 0, detail: "URL rejected"),
            .permanent(reason: "libcurl cannot send with this configuration: URL rejected (curl error 3)"), true
        ),
        (
            failure(77, 0, detail: "error setting certificate file: /x"),
            .permanent(reason: "ca_file cannot be used: error setting certificate file: /x"), true
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
                == .permanent(
                    reason:
                        "the relay requires a login (530 5.7.0 Authentication required): set username and password_file"
                )
        )
    }
}

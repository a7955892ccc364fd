import ConvenorCore
import Foundation
import Logging

/// One batch on one libcurl handle, on the dedicated thread: validate, read the secret, configure, send, classify.
struct SMTPSession {
    let settings: SMTPSettings
    let secrets: any SecretReading
    let cancellation: CurlCancellation
    let logger: Logger
    /// The transport's OAuth2 token, kept across batches (used only with `smtp.oauth2`).
    let tokens: OAuth2TokenStore
    /// "Now" for the token's life.
    let clock: any WallClock

    func deliver(
        _ messages: [OutboundMessage],
        reporting progress: @Sendable (Int, DeliveryOutcome) -> Void = { _, _ in }
    ) -> [DeliveryOutcome] {
        // Envelope problems are the message's own: refused before any connection, without stopping the others.
        // The envelope sender is decided when the message is assembled (posting profile, then envelope_from).
        let envelopes = messages.map { message in (from: message.envelopeFrom, recipients: message.recipients) }
        let problems = envelopes.map { SMTPEnvelope.problem(from: $0.from, recipients: $0.recipients) }
        var outcomes: [DeliveryOutcome?] = problems.map { problem in
            problem.map { .permanent(reason: "refused before connecting: \($0)") }
        }
        guard outcomes.contains(where: { $0 == nil }) else { return outcomes.compactMap { $0 } }

        var redactable: [Secret] = []
        let easy: CurlEasy
        var oauth2: OAuth2Batch?
        do throws(SMTPSetupError) {
            if let authorizer = authorizer() {
                let batch = try OAuth2Batch.start(authorizer, messages: messages.count)
                redactable.append(batch.token.value)
                oauth2 = batch
            } else if let secret = try readSecret() {
                redactable.append(secret)
            }
            easy = try configuredHandle(secret: redactable.first, bearer: oauth2 != nil || settings.token != nil)
        } catch {
            return outcomes.map { $0 ?? error.verdict.outcome }
        }

        /// One message on the handle; nil when the relay answered 250 to the final dot.
        func attempt(_ index: Int) -> CurlError? {
            do throws(CurlError) {
                try easy.setMailFrom(envelopes[index].from)
                try easy.setRecipients(envelopes[index].recipients)
                try easy.setBody(SMTPEnvelope.normalizingLineEnds(messages[index].data))
                defer { oauth2?.transferFinished(easy) }
                try easy.perform()
                return nil
            } catch {
                return error
            }
        }

        var stop: DeliveryOutcome?
        for index in messages.indices where outcomes[index] == nil {
            if cancellation.isCancelled {
                outcomes[index] = .stoppedBeforeStart
                continue
            }
            if let stop {
                outcomes[index] = stop
                continue
            }
            // A batch longer than the token's life gets a new token between two messages, on a new connection.
            if let failure = oauth2?.refreshIfExpiring(easy, secrets: &redactable) {
                let verdict = SMTPClassifier.Verdict(tokenFailure: failure)
                outcomes[index] = verdict.outcome
                stop = verdict.outcome.notAttempted
                continue
            }
            var failure = attempt(index)
            // 535 to a token that should still be valid (revoked, or the relay's clock disagrees): one more token,
            // on a new connection, then the same message again. A second refusal is the operator's to fix.
            if let error = failure, var batch = oauth2, OAuth2Batch.isTokenRejection(error), !batch.replacedToken {
                if let tokenFailure = batch.replaceRejected(easy, secrets: &redactable) {
                    oauth2 = batch
                    let verdict = SMTPClassifier.Verdict(tokenFailure: tokenFailure)
                    outcomes[index] = verdict.outcome
                    stop = verdict.outcome.notAttempted
                    continue
                }
                oauth2 = batch
                failure = attempt(index)
                if let again = failure, OAuth2Batch.isTokenRejection(again) {
                    let verdict = SMTPClassifier.Verdict(
                        tokenFailure: OAuth2Batch.rejectedTwice(again, username: settings.username)
                    )
                    outcomes[index] = verdict.outcome
                    stop = verdict.outcome.notAttempted
                    continue
                }
            }
            guard let error = failure else {
                outcomes[index] = .delivered(reply: easy.lastReply ?? "250")
                // Reported at once, so the 250 is on record before the next message starts.
                progress(index, redact(.delivered(reply: easy.lastReply ?? "250"), secrets: redactable))
                continue
            }
            var verdict = SMTPClassifier.classify(error, credential: credentialSetting)
            if easy.bodyHandedOver, error.responseCode / 100 != 4, error.responseCode / 100 != 5,
                error.code == CurlError.Code.abortedByCallback || error.code == CurlError.Code.operationTimedOut
                    || error.code == CurlError.Code.receiveError || error.code == CurlError.Code.gotNothing
            {
                // The dot went out and no reply came: the relay may have accepted it. Say so, never "not sent".
                verdict = SMTPClassifier.Verdict(
                    outcome: .unknown(
                        reason: "the message was handed over but the relay had not answered when the transfer "
                            + "stopped (\(error.detail))"
                    ),
                    endsBatch: true
                )
            }
            outcomes[index] = verdict.outcome
            if verdict.endsBatch { stop = verdict.outcome.notAttempted }
            logger.debug(
                "libcurl failed",
                metadata: [
                    "message-id": "\(messages[index].messageID)",
                    "curl": "\(redact(error.description, secrets: redactable))",
                ]
            )
        }
        let final = outcomes.map { redact($0 ?? .temporary(reason: "not attempted"), secrets: redactable) }
        for (message, outcome) in zip(messages, final) {
            logger.debug(
                "SMTP attempt",
                metadata: [
                    "message-id": "\(message.messageID)", "recipients": "\(message.recipients.joined(separator: ", "))",
                    "outcome": "\(outcome)",
                ]
            )
        }
        // Stopping: libcurl's cleanup says QUIT and waits for a relay still sitting on our DATA; the handle's
        // deinit does that on a thread of its own (`CurlEasy`), whichever thread drops the last reference.
        return final
    }

    /// The setting an operator should check after a refused login, e.g. `password_file /etc/convenor/smtp-password`.
    var credentialSetting: String? {
        if let oauth2 = settings.oauth2 { return "the OAuth2 client_id \(oauth2.clientID)" }
        return switch (settings.token, settings.password) {
        case (.file(let path)?, _): "token_file \(path)"
        case (.credential(let name)?, _): "token_credential \(name)"
        case (nil, .file(let path)?): "password_file \(path)"
        case (nil, .credential(let name)?): "password_credential \(name)"
        case (nil, nil): nil
        }
    }

    private func readSecret() throws(SMTPSetupError) -> Secret? {
        guard let source = settings.token ?? settings.password else { return nil }
        let what = settings.token != nil ? "the SMTP token" : "the SMTP password"
        do {
            return try secrets.read(source)
        } catch {
            let trouble = RelayTrouble(
                kind: .credential,
                summary: "cannot read \(what): \(error)",
                fix: "fix the file (or the credential); waiting mailings go out at the next pass or reload"
            )
            throw SMTPSetupError(verdict: .init(outcome: .relayTrouble(trouble), endsBatch: true))
        }
    }

    private func configuredHandle(secret: Secret?, bearer: Bool) throws(SMTPSetupError) -> CurlEasy {
        if let problem = Self.urlProblem(settings.url) {
            let trouble = RelayTrouble(kind: .configuration, summary: problem, fix: "correct delivery.smtp.url")
            throw SMTPSetupError(verdict: .init(outcome: .relayTrouble(trouble), endsBatch: true))
        }
        if secret != nil && settings.username == nil {
            let trouble = RelayTrouble(
                kind: .configuration,
                summary: "\(credentialSetting ?? "a password") is set but username is not",
                fix: "add username"
            )
            throw SMTPSetupError(verdict: .init(outcome: .relayTrouble(trouble), endsBatch: true))
        }
        do throws(CurlError) {
            let easy = try CurlEasy(cancellation: cancellation)
            try easy.setURL(settings.url)
            try easy.requireVerifiedTLS()
            if let caFile = settings.caFile {
                try easy.setCertificateAuthorityFile(caFile)
                // CURLOPT_CAINFO replaces libcurl's bundle; keep the system's anchors through CURLOPT_CAPATH so
                // ca_file is extra trust, not the only trust.
                if let directory = easy.builtInCertificateAuthorityDirectory ?? Self.systemCertificateDirectory {
                    try easy.setCertificateAuthorityDirectory(directory)
                }
            }
            if let username = settings.username { try easy.setUsername(username) }
            if let secret {
                if bearer {
                    try easy.setBearerToken(secret.unredacted)
                } else {
                    try easy.setPassword(secret.unredacted)
                }
            }
            let connect = max(1, settings.connectTimeoutSeconds)
            let response = max(1, settings.responseTimeoutSeconds)
            // A relay that answers every command slowly still cannot hold one message longer than this.
            try easy.setTimeouts(connect: connect, response: response, total: connect + 2 * response)
            return easy
        } catch {
            throw SMTPSetupError(verdict: SMTPClassifier.classify(error, credential: credentialSetting))
        }
    }

    /// Debian's hashed trust store, used when libcurl was built without a default CA directory.
    static var systemCertificateDirectory: String? {
        var isDirectory: ObjCBool = false
        let path = "/etc/ssl/certs"
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? path : nil
    }

    /// Why `url` cannot be used, or nil. The URL itself is not repeated: it might carry a password.
    static func urlProblem(_ url: String) -> String? {
        let lowered = url.lowercased()
        guard lowered.hasPrefix("smtp://") || lowered.hasPrefix("smtps://") else {
            return "the SMTP url must start with smtp:// (STARTTLS) or smtps:// (TLS from the start)"
        }
        let afterScheme = url.drop { $0 != ":" }.dropFirst(3)
        let authority = afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if authority.contains("@") {
            return "the SMTP url must not contain a user name or password; use username and password_file"
        }
        return nil
    }

    private func redact(_ outcome: DeliveryOutcome, secrets: [Secret]) -> DeliveryOutcome {
        switch outcome {
        case .delivered(let reply): .delivered(reply: redact(reply, secrets: secrets))
        case .temporary(let reason): .temporary(reason: redact(reason, secrets: secrets))
        case .permanent(let reason): .permanent(reason: redact(reason, secrets: secrets))
        case .unknown(let reason): .unknown(reason: redact(reason, secrets: secrets))
        case .relayTrouble(let trouble):
            .relayTrouble(
                RelayTrouble(
                    kind: trouble.kind,
                    summary: redact(trouble.summary, secrets: secrets),
                    fix: redact(trouble.fix, secrets: secrets)
                )
            )
        }
    }

    private func redact(_ text: String, secrets: [Secret]) -> String {
        secrets.reduce(text) { $1.redacting($0) }
    }
}

/// Carries the last reference to a cancelled transfer's handle to the thread that cleans it up.
/// A batch that cannot start (unreadable secret, bad URL, libcurl setup): every message gets `verdict`.
struct SMTPSetupError: Error {
    var verdict: SMTPClassifier.Verdict
}

extension DeliveryOutcome {
    /// The same classification for a message the batch stopped before trying.
    var notAttempted: DeliveryOutcome {
        switch self {
        case .delivered: self
        case .temporary(let reason): .temporary(reason: "not attempted after an earlier failure: \(reason)")
        case .permanent(let reason): .permanent(reason: "not attempted after an earlier failure: \(reason)")
        case .unknown(let reason): .temporary(reason: "not attempted after an earlier failure: \(reason)")
        case .relayTrouble(let trouble):
            .relayTrouble(
                RelayTrouble(
                    kind: trouble.kind,
                    summary: "not attempted after an earlier failure: \(trouble.summary)",
                    fix: trouble.fix
                )
            )
        }
    }
}

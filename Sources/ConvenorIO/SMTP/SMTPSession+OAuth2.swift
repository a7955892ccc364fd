import ConvenorCore
import Foundation

extension SMTPSession {
    /// The authorizer for `smtp.oauth2`, or nil when the relay takes a password or `token_file`.
    func authorizer() -> OAuth2Authorizer? {
        guard let oauth2 = settings.oauth2 else { return nil }
        let connect = max(1, min(settings.connectTimeoutSeconds, 60))
        // An identity platform answers in well under a second; a minute bounds a hung one whatever the SMTP
        // response timeout (which RFC 5321 sets at ten minutes for the final dot) says.
        let total = min(60, connect + max(1, settings.responseTimeoutSeconds))
        let client = OAuth2TokenClient(
            settings: oauth2,
            caFile: settings.caFile,
            connectTimeoutSeconds: connect,
            totalTimeoutSeconds: total,
            cancellation: cancellation
        )
        return OAuth2Authorizer(
            settings: oauth2,
            client: client,
            secrets: secrets,
            store: tokens,
            clock: clock,
            logger: logger
        )
    }
}

/// The token side of one SMTP batch: which token the handle holds, and the one retry a 535 earns.
struct OAuth2Batch {
    let authorizer: OAuth2Authorizer
    /// The token set on the handle (CURLOPT_XOAUTH2_BEARER).
    private(set) var token: OAuth2TokenState.Token
    /// True once a 535 made the batch fetch a replacement: a second 535 is not retried.
    private(set) var replacedToken = false
    /// True while the next transfer must open a new connection (CURLOPT_FRESH_CONNECT) for a new token.
    private var freshConnectionPending = false

    /// A token that should last the whole batch (`OAuth2TokenState.expectedDuration(ofBatch:)`), fetched if the
    /// cached one would not.
    static func start(_ authorizer: OAuth2Authorizer, messages: Int) throws(SMTPSetupError) -> OAuth2Batch {
        let until = authorizer.clock.now().addingTimeInterval(OAuth2TokenState.expectedDuration(ofBatch: messages))
        switch authorizer.token(mustLastUntil: until) {
        case .success(let result):
            return OAuth2Batch(authorizer: authorizer, token: result.token)
        case .failure(let failure):
            throw SMTPSetupError(verdict: SMTPClassifier.Verdict(tokenFailure: failure))
        }
    }

    /// Before each message: a new token, on a new connection, when the current one is about to expire. Nil when the
    /// message can go; the failure otherwise. New tokens are added to `secrets` so they are redacted too.
    mutating func refreshIfExpiring(_ easy: CurlEasy, secrets: inout [Secret]) -> OAuth2Failure? {
        let now = authorizer.clock.now()
        guard now >= token.usableUntil else { return nil }
        switch authorizer.token(mustLastUntil: now) {
        case .success(let result):
            return install(result.token, on: easy, secrets: &secrets)
        case .failure(let failure):
            return failure
        }
    }

    /// After a 535: forget the refused token and fetch one more (once per batch).
    mutating func replaceRejected(_ easy: CurlEasy, secrets: inout [Secret]) -> OAuth2Failure? {
        replacedToken = true
        switch authorizer.replace(token) {
        case .success(let replacement):
            return install(replacement, on: easy, secrets: &secrets)
        case .failure(let failure):
            return failure
        }
    }

    /// After every transfer: later messages may reuse the connection the new token opened.
    mutating func transferFinished(_ easy: CurlEasy) {
        guard freshConnectionPending else { return }
        freshConnectionPending = false
        try? easy.requireFreshConnection(false)
    }

    private mutating func install(
        _ replacement: OAuth2TokenState.Token,
        on easy: CurlEasy,
        secrets: inout [Secret]
    ) -> OAuth2Failure? {
        do throws(CurlError) {
            try easy.setBearerToken(replacement.value.unredacted)
            // The open connection authenticated with the old token; libcurl (since 7.83) also refuses to reuse a
            // connection whose bearer differs, but a new connection is the point, so ask for it outright.
            try easy.requireFreshConnection(true)
        } catch {
            return OAuth2Failure(.transient, "cannot hand the new OAuth2 token to libcurl: \(error)")
        }
        token = replacement
        freshConnectionPending = true
        secrets.append(replacement.value)
        return nil
    }

    /// A relay's refusal of the bearer token itself: 535 (or a 5xx) to AUTH XOAUTH2, or 530/535 to a later command
    /// once the relay decided the session's token has expired.
    static func isTokenRejection(_ error: CurlError) -> Bool {
        if error.code == CurlError.Code.loginDenied { return error.responseCode / 100 == 5 || error.responseCode == 0 }
        return error.responseCode == 530 || error.responseCode == 535
    }

    /// The relay refused two tokens in a row, the second fetched just now: the token endpoint trusts convenor, but
    /// Exchange does not let the app send as this mailbox.
    static func rejectedTwice(_ error: CurlError, username: String?) -> OAuth2Failure {
        let reply = error.lastReply ?? (error.responseCode == 0 ? "no reply" : String(error.responseCode))
        let mailbox = username ?? "the mailbox in username"
        return OAuth2Failure(
            .configuration,
            "the relay refused a freshly fetched OAuth2 token for \(mailbox) (\(reply)): the identity platform issues "
                + "tokens but the mailbox does not accept them. Check that the Entra app registration has the "
                + "SMTP.SendAsApp application permission with admin consent, that Exchange has a service principal "
                + "for it (New-ServicePrincipal) with Add-MailboxPermission on \(mailbox), and that SMTP AUTH is "
                + "enabled for that mailbox (Set-CASMailbox -SmtpClientAuthenticationDisabled $false)"
        )
    }
}

extension SMTPClassifier.Verdict {
    /// How a batch ends when it has no usable token. Neither kind says anything about the messages: a transient
    /// failure is retried with backoff; a configuration failure is reported to the operator with what to check.
    ///
    /// This is the one place token failures meet the delivery outcome, so relay configuration trouble (issue 14:
    /// the mailing stays pending, the operator is alerted) is wired here.
    init(tokenFailure: OAuth2Failure) {
        let reason = tokenFailure.reason
        switch tokenFailure.kind {
        case .transient: self.init(outcome: .temporary(reason: reason), endsBatch: true)
        // A refused client, wrong tenant or missing permission is the operator's to fix: the mailing waits.
        case .configuration:
            self.init(
                outcome: .relayTrouble(RelayTrouble(kind: .authentication, summary: reason, fix: "")),
                endsBatch: true
            )
        }
    }
}

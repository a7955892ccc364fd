package import ConvenorCore
package import Logging
import Foundation

/// Sends messages through an SMTP relay with libcurl: TLS always required and verified, secrets read per batch.
///
/// Each `deliver` call runs on a thread of its own with one libcurl handle, so a batch shares one connection and one
/// AUTH. A cancelled task aborts the transfer in progress (through the xferinfo callback) and leaves the rest of the
/// batch `temporary`.
///
/// Trust: with `ca_file` set, libcurl verifies against that file (CURLOPT_CAINFO) *and* its built-in CA directory
/// (CURLOPT_CAPATH, `/etc/ssl/certs` on Debian), so `ca_file` adds a private CA without dropping the system's.
///
/// Logging is at `debug` only (recipient addresses are personal data) and never includes a secret. libcurl's own
/// CURLOPT_VERBOSE trace is never enabled: it prints the base64 of AUTH PLAIN, which is the password.
package struct SMTPTransport: MailTransport {
    /// The `delivery.smtp` block this transport sends with.
    package let settings: SMTPSettings
    /// Where the password or token comes from.
    package let secrets: any SecretReading
    /// Where each attempt is logged at `debug`.
    package let logger: Logger
    /// With `smtp.oauth2`: the access token, in memory only, shared by every batch this transport sends.
    package let tokens: OAuth2TokenStore
    /// "Now" for the token's life: the real clock, even when `--now` shifts the daemon's (a token expires in real
    /// time), which is why `TransportFactory` does not pass its clock here.
    package let clock: any WallClock

    /// A transport for `settings`, reading `settings.password` / `settings.token` (or, with `oauth2`, the client
    /// secret when a token is due) through `secrets` at every batch, so a rotated secret is picked up without a
    /// restart.
    package init(
        settings: SMTPSettings,
        secrets: any SecretReading,
        logger: Logger = Logger(label: "convenor.smtp"),
        tokens: OAuth2TokenStore = OAuth2TokenStore(),
        clock: any WallClock = SystemClock()
    ) {
        self.settings = settings
        self.secrets = secrets
        self.logger = logger
        self.tokens = tokens
        self.clock = clock
    }

    /// Sends `messages` in order over one connection; envelope problems fail only their own message, before
    /// any connection is made.
    package func deliver(_ messages: [OutboundMessage]) async -> [DeliveryOutcome] {
        await deliver(messages, reporting: { _, _ in })
    }

    /// Sends `messages` over one connection, calling `progress` from the sending thread after each message.
    package func deliver(
        _ messages: [OutboundMessage],
        reporting progress: @escaping @Sendable (Int, DeliveryOutcome) -> Void
    ) async -> [DeliveryOutcome] {
        await deliver(messages, while: { true }, reporting: progress)
    }

    /// Sends `messages` over one connection while `mayGoOn` says so (checked before each message and by libcurl's
    /// progress callback during one), calling `progress` from the sending thread after each message.
    package func deliver(
        _ messages: [OutboundMessage],
        while mayGoOn: @escaping @Sendable () -> Bool,
        reporting progress: @escaping @Sendable (Int, DeliveryOutcome) -> Void
    ) async -> [DeliveryOutcome] {
        guard !messages.isEmpty else { return [] }
        let cancellation = CurlCancellation(while: mayGoOn)
        let settings = settings
        let secrets = secrets
        let logger = logger
        let tokens = tokens
        let clock = clock
        return await withTaskCancellationHandler {
            await DedicatedThread.run(name: "convenor-smtp") {
                SMTPSession(
                    settings: settings,
                    secrets: secrets,
                    cancellation: cancellation,
                    logger: logger,
                    tokens: tokens,
                    clock: clock
                )
                .deliver(messages, reporting: progress)
            }
        } onCancel: {
            cancellation.cancel()
        }
    }

    /// With `smtp.oauth2`: makes sure a token is at hand (reusing the cached one while it lasts, fetching one
    /// otherwise) and says so, without any SMTP. `send-test` prints this before the SMTP exchange; the token stays
    /// cached, so the delivery that follows uses it. Nil without `oauth2`.
    package func prepareToken() async -> OAuth2TokenReport? {
        guard settings.oauth2 != nil else { return nil }
        let cancellation = CurlCancellation()
        let session = SMTPSession(
            settings: settings,
            secrets: secrets,
            cancellation: cancellation,
            logger: logger,
            tokens: tokens,
            clock: clock
        )
        return await withTaskCancellationHandler {
            await DedicatedThread.run(name: "convenor-oauth2") { () -> OAuth2TokenReport? in
                guard let authorizer = session.authorizer() else { return nil }
                let now = session.clock.now()
                switch authorizer.token(mustLastUntil: now) {
                case .success(let result):
                    return .ready(
                        fetched: result.fetched,
                        endpoint: authorizer.settings.tokenHost,
                        expiresIn: result.token.expiresAt.timeIntervalSince(now)
                    )
                case .failure(let failure):
                    return .failed(failure)
                }
            }
        } onCancel: {
            cancellation.cancel()
        }
    }
}

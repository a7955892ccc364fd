package import ConvenorCore
package import Logging

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

    /// A transport for `settings`, reading `settings.password` / `settings.token` through `secrets` at every batch
    /// (a rotated password is picked up without a restart).
    package init(settings: SMTPSettings, secrets: any SecretReading, logger: Logger = Logger(label: "convenor.smtp")) {
        self.settings = settings
        self.secrets = secrets
        self.logger = logger
    }

    /// Sends `messages` in order over one connection; envelope problems fail only their own message, before
    /// any connection is made.
    package func deliver(_ messages: [OutboundMessage]) async -> [DeliveryOutcome] {
        await deliver(messages, reporting: { _, _ in })
    }

    /// Sends `messages` over one connection, calling `progress` from the sending thread after each message.
    package func deliver(
        _ messages: [OutboundMessage], reporting progress: @escaping @Sendable (Int, DeliveryOutcome) -> Void
    ) async -> [DeliveryOutcome] {
        guard !messages.isEmpty else { return [] }
        let cancellation = CurlCancellation()
        let settings = settings
        let secrets = secrets
        let logger = logger
        return await withTaskCancellationHandler {
            await DedicatedThread.run(name: "convenor-smtp") {
                SMTPSession(settings: settings, secrets: secrets, cancellation: cancellation, logger: logger)
                    .deliver(messages, reporting: progress)
            }
        } onCancel: {
            cancellation.cancel()
        }
    }
}

package import ConvenorCore

/// Sends messages through an SMTP relay with libcurl: TLS always required and verified, secrets read per batch.
///
/// Each `deliver` call runs on a thread of its own with one libcurl handle, so a batch shares one connection and one
/// AUTH. A cancelled task aborts the transfer in progress (through the xferinfo callback) and leaves the rest of the
/// batch `temporary`.
///
/// Trust: with `ca_file` set, libcurl verifies against that file (CURLOPT_CAINFO) *and* its built-in CA directory
/// (CURLOPT_CAPATH, `/etc/ssl/certs` on Debian), so `ca_file` adds a private CA without dropping the system's.
package struct SMTPTransport: MailTransport {
    /// The `delivery.smtp` block this transport sends with.
    package let settings: SMTPSettings
    /// Where the password or token comes from.
    package let secrets: any SecretReading

    /// A transport for `settings`, reading `settings.password` / `settings.token` through `secrets` at every batch
    /// (a rotated password is picked up without a restart).
    package init(settings: SMTPSettings, secrets: any SecretReading) {
        self.settings = settings
        self.secrets = secrets
    }

    /// Sends `messages` in order over one connection; envelope problems fail only their own message, before
    /// any connection is made.
    package func deliver(_ messages: [OutboundMessage]) async -> [DeliveryOutcome] {
        guard !messages.isEmpty else { return [] }
        let cancellation = CurlCancellation()
        let settings = settings
        let secrets = secrets
        return await withTaskCancellationHandler {
            await DedicatedThread.run(name: "convenor-smtp") {
                SMTPSession(settings: settings, secrets: secrets, cancellation: cancellation).deliver(messages)
            }
        } onCancel: {
            cancellation.cancel()
        }
    }
}

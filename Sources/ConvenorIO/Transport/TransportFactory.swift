package import ConvenorCore
package import Logging

/// Builds the transport `delivery.transport` names: the outbox directory or the SMTP relay.
package enum TransportFactory {
    /// The transport for `installation`; secrets are read by the SMTP transport at each batch, not here.
    package static func make(
        for installation: Installation,
        clock: any WallClock,
        logger: Logger
    ) -> any MailTransport {
        switch installation.delivery.transport {
        case .outbox:
            OutboxTransport(directory: installation.outboxDirectory, clock: clock)
        case .smtp(let settings):
            SMTPTransport(settings: settings, secrets: SecretReader.fromEnvironment(), logger: logger)
        }
    }
}

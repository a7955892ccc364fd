import ConvenorCore
import ConvenorIO
import Foundation
import Logging

/// Sending from a command (not the daemon): the configured transport, a batch, and the relay's words.
enum CommandDelivery {
    /// Hands `mailings` to the transport `delivery.transport` names, one connection for the batch.
    static func deliver(_ mailings: [AssembledMailing], installation: Installation) async -> [DeliveryOutcome] {
        await deliver(mailings, through: transport(for: installation))
    }

    /// The transport `delivery.transport` names, for commands that talk to it more than once.
    static func transport(for installation: Installation) -> any MailTransport {
        TransportFactory.make(for: installation, clock: SystemClock(), logger: Logger(label: "convenor.send"))
    }

    /// Hands `mailings` to `transport`, one connection for the batch.
    static func deliver(_ mailings: [AssembledMailing], through transport: any MailTransport) async -> [DeliveryOutcome]
    {
        await transport.deliver(mailings.map(outbound))
    }

    static func outbound(_ item: AssembledMailing) -> OutboundMessage {
        OutboundMessage(
            envelopeFrom: item.envelopeFrom,
            recipients: item.recipients,
            messageID: item.messageID,
            data: item.bytes
        )
    }

    /// Differs between test sends: a test copy's Message-ID must never repeat.
    static func nonce() -> String {
        String(UInt64.random(in: 0...UInt64.max), radix: 36)
    }

    /// One line per outcome, for people.
    static func describe(_ outcome: DeliveryOutcome) -> String {
        switch outcome {
        case .delivered(let reply): "delivered: \(reply)"
        case .temporary(let reason): "not delivered (temporary, try again later): \(reason)"
        case .permanent(let reason): "not delivered: \(reason)"
        case .relayTrouble(let trouble): "not delivered, the relay is not usable: \(trouble)"
        case .unknown(let reason): "outcome unknown (the relay may have it): \(reason)"
        }
    }
}

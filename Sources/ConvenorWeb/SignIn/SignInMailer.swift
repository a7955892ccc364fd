import ConvenorCore
import ConvenorIO
import Logging
import ServiceLifecycle

/// Sends sign-in mails one after another, outside the request that asked for them.
///
/// A request for a known address and one for an unknown address then take the same time: how long the relay takes
/// would otherwise tell a stranger which addresses belong to chairs. A `Service`, so it runs in the server's group
/// and stops with it.
final class SignInMailer: Service, Sendable {
    private let stream: AsyncStream<OutboundMessage>
    private let continuation: AsyncStream<OutboundMessage>.Continuation
    private let transport: @Sendable () -> any MailTransport
    private let logger: Logger

    /// - Parameter transport: the daemon's transport now (it changes on reload).
    init(transport: @escaping @Sendable () -> any MailTransport, logger: Logger) {
        (stream, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(100))
        self.transport = transport
        self.logger = logger
    }

    /// Queues `message`; returns at once.
    func enqueue(_ message: OutboundMessage) { continuation.yield(message) }

    func run() async {
        await withGracefulShutdownHandler {
            for await message in stream {
                let outcome = await transport().deliver([message]).first
                if outcome?.isDelivered == true {
                    logger.info("sign-in link sent", metadata: ["message_id": "\(message.messageID)"])
                    logger.debug(
                        "sign-in link recipient",
                        metadata: ["to": "\(message.recipients.joined(separator: ","))"]
                    )
                } else {
                    logger.error(
                        "sign-in link not sent",
                        metadata: ["message_id": "\(message.messageID)", "outcome": "\(String(describing: outcome))"]
                    )
                }
            }
        } onGracefulShutdown: { [continuation] in
            continuation.finish()
        }
    }
}

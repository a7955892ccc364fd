import ConvenorCore
package import Foundation
import Logging
import Synchronization

/// Lets an alert about one condition out at once, then at most once an hour while it lasts.
///
/// For conditions that are not ledger rows (a broken relay, a lost ledger): the ledger-backed alert covers failed
/// and missed mailings. Kept in memory, so a restart alerts again at once, which is what an operator restarting
/// after a fix wants to hear anyway.
package final class HourlyAlertLimiter: Sendable {
    private let last = Mutex<Date?>(nil)

    package init() {}

    /// True (and remembered) when no alert went out in the hour before `now`.
    package func allow(at now: Date) -> Bool {
        last.withLock { last in
            if let previous = last, now.timeIntervalSince(previous) < 3600 { return false }
            last = now
            return true
        }
    }
}

extension DeliveryPass {
    /// Mails the operator a plain-text alert through the configured transport, outside the ledger. Returns the
    /// transport's outcome (a broken relay cannot carry it: the `error` log line is then the alert).
    @discardableResult
    func mailOperator(
        subject: String,
        body: String,
        configuration: DaemonConfiguration,
        now: Date
    ) async
        -> DeliveryOutcome
    {
        let installation = configuration.config.installation
        let message = OutgoingMessage(
            from: installation.from,
            to: [MailAddress(displayName: nil, address: installation.operatorAddress)],
            subject: subject,
            date: now,
            messageID: OperatorAlertMessage.messageID(made: now, domain: installation.from.domain),
            autoSubmitted: true,
            textBody: body
        )
        do {
            let bytes = try MessageComposer(dateTimeZone: installation.timeZone).compose(message)
            let outbound = OutboundMessage(
                // Bounces of the operator's mail go where every other bounce goes (`delivery.smtp.envelope_from`).
                envelopeFrom: installation.bounceAddress,
                recipients: [installation.operatorAddress],
                messageID: message.messageID,
                data: bytes
            )
            return await configuration.transport.deliver([outbound]).first
                ?? .temporary(reason: "the transport gave no outcome")
        } catch {
            return .permanent(reason: "the alert could not be prepared: \(error)")
        }
    }

    /// Relay trouble seen in this pass: logged at `error` every time, mailed at once and then at most hourly.
    func alertRelayTrouble(_ trouble: RelayTrouble, waiting: Int, configuration: DaemonConfiguration, now: Date) async {
        logger.error(
            "the relay cannot be used; mailings wait and are retried until they would be stale",
            metadata: ["trouble": "\(trouble.kind.rawValue)", "reason": "\(trouble)", "waiting": "\(waiting)"]
        )
        guard relayAlerts.allow(at: now) else { return }
        let body = """
            convenor cannot send through the relay: \(trouble.summary).

            What to do: \(trouble.fix).

            This is not the mailings' fault: \(waiting) mailing(s) wait and are retried with backoff until they \
            would be stale. After the fix, `systemctl reload convenor` sends everything still useful at once; \
            `convenor ledger` shows what waits and why. You hear about this at most once an hour while it lasts.
            """
        let outcome = await mailOperator(
            subject: "convenor: the relay cannot be used (\(trouble.kind.rawValue))",
            body: body,
            configuration: configuration,
            now: now
        )
        if outcome.isDelivered {
            logger.notice("operator alerted about the relay", metadata: ["outcome": "\(outcome)"])
        } else {
            // Usually so: the alert goes through the same relay. This log line is then the alert.
            logger.error(
                "the operator alert could not be sent; the problem is only in this log",
                metadata: ["outcome": "\(outcome)"]
            )
        }
    }
}

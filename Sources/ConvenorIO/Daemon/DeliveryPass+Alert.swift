import ConvenorCore
import Foundation
import Logging

extension DeliveryPass {
    /// Mails the operator about `failed` and `missed` rows not alerted yet, at most once an hour.
    ///
    /// The rows are stamped only after the transport accepted the alert; an alert that cannot be sent is logged at
    /// `error` and tried again at a later pass, so the operator hears of every problem from the mail or the log.
    func alertOperator(_ configuration: DaemonConfiguration, result: inout Result) async {
        let now = clock.now()
        let decision: AlertDecision
        do {
            decision = alertPolicy.decide(
                pending: try await ledger.unalertedProblems(),
                lastAlert: try await ledger.lastAlertTime(),
                now: now
            )
        } catch {
            logger.error("cannot read the ledger for the operator alert", metadata: ["error": "\(error)"])
            return
        }
        switch decision {
        case .nothingOwed:
            return
        case .wait(let until):
            result.wake(at: until)
        case .sendNow(let entries):
            let installation = configuration.config.installation
            let alert = OperatorAlertMessage.alert(for: entries, made: now)
            let outcome: DeliveryOutcome
            do {
                let rendered = try configuration.renderer.render(alert, installation: installation)
                let message = OperatorAlertMessage.message(rendered: rendered, installation: installation, made: now)
                let bytes = try MessageComposer(dateTimeZone: installation.timeZone).compose(message)
                let outbound = OutboundMessage(
                    // The alert's bounces go where every other bounce goes (issue 18: it used the From address).
                    envelopeFrom: installation.bounceAddress,
                    recipients: [installation.operatorAddress],
                    messageID: message.messageID,
                    data: bytes
                )
                outcome =
                    await configuration.transport.deliver([outbound]).first
                    ?? .temporary(reason: "the transport gave no outcome")
            } catch {
                outcome = .permanent(reason: "the alert could not be prepared: \(error)")
            }
            guard case .delivered = outcome else {
                logger.error(
                    "the operator alert could not be sent; the problems are only in this log",
                    metadata: ["problems": "\(entries.count)", "outcome": "\(outcome)"]
                )
                result.wake(at: now.addingTimeInterval(retryPolicy.minimalBackoff))
                return
            }
            do {
                try await ledger.markAlerted(keys: entries.map(\.key), at: now)
                logger.notice("operator alerted", metadata: ["problems": "\(entries.count)"])
            } catch {
                logger.error("the operator alert went out but cannot be recorded", metadata: ["error": "\(error)"])
            }
        }
    }
}

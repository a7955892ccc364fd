import ConvenorCore
import Foundation
import Logging

extension DeliveryPass {
    /// Tells each group's chairs about the list posts its list held, refused or returned and the chairs have not
    /// heard of yet: one mail per group listing every such post (`chairs-alert.mustache`).
    ///
    /// Once per post, across restarts: the rows are stamped (`chairs_alerted_at`) only after the relay accepted
    /// the mail; a mail that cannot be sent is logged at `error` and tried again at the next pass. The operator hears
    /// of the same posts through the operator alert.
    func alertChairs(_ configuration: DaemonConfiguration, result: inout Result) async {
        let config = configuration.config
        let installation = config.installation
        let pending: [LedgerEntry]
        do {
            pending = try await ledger.entries().filter { $0.state.needsChairs && $0.chairsAlertedAt == nil }
        } catch {
            logger.error("cannot read the ledger for the chairs' alert", metadata: ["error": "\(error)"])
            return
        }
        let byGroup = Dictionary(grouping: pending, by: \.key.group)
        for groupID in byGroup.keys.sorted() {
            guard let entries = byGroup[groupID], let group = config.group(id: groupID), !group.chairs.isEmpty else {
                continue
            }
            let now = clock.now()
            let alert = ChairsAlert(
                group: group,
                postingAddress: group.posting.from?.address ?? installation.from.address,
                made: now,
                posts: entries.compactMap(ChairsAlert.Post.init)
            )
            let outcome: DeliveryOutcome
            do {
                let rendered = try configuration.renderer.render(alert, installation: installation)
                let message = ChairsAlertMessage.message(rendered: rendered, alert: alert, installation: installation)
                let bytes = try MessageComposer(dateTimeZone: group.timeZone).compose(message)
                outcome =
                    await configuration.transport.deliver([
                        OutboundMessage(
                            envelopeFrom: installation.bounceAddress,
                            recipients: group.chairs.map(\.email),
                            messageID: message.messageID,
                            data: bytes
                        )
                    ]).first ?? .temporary(reason: "the transport gave no outcome")
            } catch {
                outcome = .permanent(reason: "the chairs' alert could not be prepared: \(error)")
            }
            guard outcome.isDelivered else {
                logger.error(
                    "the chairs' alert could not be sent; it is tried again at the next pass",
                    metadata: ["group": "\(groupID)", "posts": "\(entries.count)", "outcome": "\(outcome)"]
                )
                result.wake(at: now.addingTimeInterval(retryPolicy.minimalBackoff))
                continue
            }
            do {
                try await ledger.markChairsAlerted(keys: entries.map(\.key), at: now)
                logger.notice("chairs alerted", metadata: ["group": "\(groupID)", "posts": "\(entries.count)"])
            } catch {
                logger.error("the chairs' alert went out but cannot be recorded", metadata: ["error": "\(error)"])
            }
        }
    }
}

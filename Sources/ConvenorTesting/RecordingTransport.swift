package import ConvenorCore
package import ConvenorIO
import Synchronization

/// A `MailTransport` for tests: records every batch and answers with scripted outcomes.
///
/// Outcomes are taken from `script` in order, one per message; once the script is used up, `otherwise` decides
/// (by default every message is delivered). Safe to share between tasks.
package final class RecordingTransport: MailTransport, Sendable {
    private struct State {
        var batches: [[OutboundMessage]] = []
        var script: [DeliveryOutcome]
    }

    private let state: Mutex<State>
    private let otherwise: @Sendable (OutboundMessage) -> DeliveryOutcome

    /// A transport answering with `script` first, then with `otherwise`.
    package init(
        script: [DeliveryOutcome] = [],
        otherwise: @escaping @Sendable (OutboundMessage) -> DeliveryOutcome = { message in
            .delivered(reply: "250 2.0.0 Ok: queued as \(message.messageID)")
        }
    ) {
        state = Mutex(State(script: script))
        self.otherwise = otherwise
    }

    /// Records the batch, then answers each message from the script or with `otherwise`.
    package func deliver(_ messages: [OutboundMessage]) async -> [DeliveryOutcome] {
        let scripted: [DeliveryOutcome?] = state.withLock { state in
            state.batches.append(messages)
            return messages.map { _ in state.script.isEmpty ? nil : state.script.removeFirst() }
        }
        return zip(messages, scripted).map { message, outcome in outcome ?? otherwise(message) }
    }

    /// Every batch handed over, in order.
    package var batches: [[OutboundMessage]] { state.withLock { $0.batches } }

    /// Every message handed over, in order, across batches.
    package var messages: [OutboundMessage] { batches.flatMap { $0 } }
}

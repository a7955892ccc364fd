package import ConvenorCore

/// One message ready for the wire: envelope plus the exact bytes (CRLF line ends) of an RFC 5322 message.
package struct OutboundMessage: Hashable, Sendable {
    /// MAIL FROM.
    package var envelopeFrom: String
    /// RCPT TO, one per recipient.
    package var recipients: [String]
    /// The Message-ID (without angle brackets), used for outbox file names and logs.
    package var messageID: String
    /// The message as composed by the core: headers, blank line, body; CRLF only.
    package var data: [UInt8]

    package init(envelopeFrom: String, recipients: [String], messageID: String, data: [UInt8]) {
        self.envelopeFrom = envelopeFrom
        self.recipients = recipients
        self.messageID = messageID
        self.data = data
    }
}

/// Hands messages to the outside world: the outbox directory, an SMTP relay, or a test double.
///
/// `deliver` never throws: every way an attempt can end is a `DeliveryOutcome`, so the caller always records one.
package protocol MailTransport: Sendable {
    /// Delivers a batch in order, reusing one connection where the transport has one; one outcome per message.
    func deliver(_ messages: [OutboundMessage]) async -> [DeliveryOutcome]

    /// Like `deliver(_:)`, but also reports each message's outcome (by index) the moment it is known, so the
    /// daemon can record a 250 before the next message starts: a crash mid-batch then resends at most the message
    /// that was in flight, not the whole batch.
    func deliver(
        _ messages: [OutboundMessage],
        reporting progress: @escaping @Sendable (Int, DeliveryOutcome) -> Void
    ) async -> [DeliveryOutcome]

    /// Like `deliver(_:reporting:)`, but asks `mayGoOn` before each message and while one is on the wire. Once it
    /// answers false (a shared ledger's leader lease lapsed, issue 20), nothing more starts and the transfer in
    /// flight is aborted, as on cancellation: a fenced instance never begins a send another may have claimed.
    func deliver(
        _ messages: [OutboundMessage],
        while mayGoOn: @escaping @Sendable () -> Bool,
        reporting progress: @escaping @Sendable (Int, DeliveryOutcome) -> Void
    ) async -> [DeliveryOutcome]
}

extension MailTransport {
    /// For transports whose batch ends at once (outbox, test doubles): report every outcome at the end.
    package func deliver(
        _ messages: [OutboundMessage],
        reporting progress: @escaping @Sendable (Int, DeliveryOutcome) -> Void
    ) async -> [DeliveryOutcome] {
        let outcomes = await deliver(messages)
        for (index, outcome) in outcomes.enumerated() { progress(index, outcome) }
        return outcomes
    }

    /// For transports whose batch is over at once: `mayGoOn` is asked once, before anything is written.
    package func deliver(
        _ messages: [OutboundMessage],
        while mayGoOn: @escaping @Sendable () -> Bool,
        reporting progress: @escaping @Sendable (Int, DeliveryOutcome) -> Void
    ) async -> [DeliveryOutcome] {
        guard mayGoOn() else {
            let outcomes = messages.map { _ in DeliveryOutcome.stoppedBeforeStart }
            for (index, outcome) in outcomes.enumerated() { progress(index, outcome) }
            return outcomes
        }
        return await deliver(messages, reporting: progress)
    }
}

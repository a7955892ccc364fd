import ConvenorCore
import Foundation
import Logging

extension DeliveryPass {
    /// The next claim window's messages, assembled while the current window is on the wire.
    struct Prepared: Sendable {
        /// When they were assembled (their Date header).
        var at: Date?
        var messages: [MailingKey: Claimed] = [:]

        /// A message assembled ahead for `key` with `messageID`, unless it is older than `maximumAge` at `now`:
        /// a window held up by a slow relay must not send mail dated minutes before it went.
        func message(for key: MailingKey, messageID: String, now: Date) -> Claimed? {
            guard let at, now.timeIntervalSince(at) <= Self.maximumAge, let ready = messages[key],
                ready.message.messageID == messageID
            else { return nil }
            return ready
        }

        static let maximumAge: TimeInterval = 60
    }

    /// The message for a claimed (or about to be claimed) mailing, dated `now`.
    func message(
        for mailing: Mailing,
        messageID: String?,
        now: Date,
        assembler: MailingAssembler,
        configuration: DaemonConfiguration
    ) throws(AssemblyError) -> Claimed {
        let config = configuration.config
        let domain = config.installation.from.domain
        let assembled = try assembler.assemble(
            mailing,
            minutes: try Self.minutesText(of: mailing, config: config),
            date: now,
            messageID: messageID,
            approval: try approval(for: mailing, config: config)
        )
        logger.debug("prepared", metadata: Self.metadata(mailing.key, extra: ["recipients": "\(assembled.recipients)"]))
        return Claimed(
            key: mailing.key,
            message: OutboundMessage(
                envelopeFrom: Self.envelopeFrom(assembled, mailing: mailing, installation: config.installation),
                recipients: assembled.recipients,
                messageID: assembled.messageID,
                data: assembled.bytes
            ),
            announcing: AnnouncedOccurrence(announcing: mailing, domain: domain, at: now),
            posted: mailing.audience == .list
                ? assembled.recipients.first.map { PostedCopy(list: $0, subject: assembled.message.subject) } : nil
        )
    }

    /// Assembles a claim window's messages before it is claimed, on a thread of its own, with the Message-IDs a
    /// first claim gives them: started as the window before it begins, so the assembling overlaps that window's
    /// claim, connection and messages instead of holding up the next connection (issue 16). Nothing is claimed or
    /// recorded here; a mailing that cannot be assembled is left out, and its claim assembles it again and records
    /// why.
    func prepareAhead(_ window: [PlannedSend], configuration: DaemonConfiguration) async -> Prepared {
        await DedicatedThread.run(name: "convenor-assemble") {
            let assembler = MailingAssembler(config: configuration.config, renderer: configuration.renderer)
            let domain = configuration.config.installation.from.domain
            let now = clock.now()
            var prepared = Prepared(at: now)
            for mailing in window.map(\.mailing) {
                let messageID = MessageID.make(for: mailing.key, domain: domain)
                prepared.messages[mailing.key] = try? message(
                    for: mailing,
                    messageID: messageID,
                    now: now,
                    assembler: assembler,
                    configuration: configuration
                )
            }
            return prepared
        }
    }
}

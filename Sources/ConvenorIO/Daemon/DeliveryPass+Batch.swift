import ConvenorCore
import Foundation
import Logging

extension DeliveryPass {
    /// A claimed mailing on its way to the transport.
    private struct Claimed {
        var key: MailingKey
        var message: OutboundMessage
    }

    /// One batch: claim each (committed before connecting), assemble, deliver over one connection, record each.
    func sendBatch(_ batch: [PlannedSend], configuration: DaemonConfiguration, result: inout Result) async {
        let assembler = MailingAssembler(config: configuration.config, renderer: configuration.renderer)
        let domain = configuration.config.installation.from.domain
        var claimed: [Claimed] = []
        for send in batch {
            let mailing = send.mailing
            let now = clock.now()
            let claim: ClaimResult
            do {
                claim = try await ledger.claim(
                    mailing,
                    messageID: MessageID.make(for: mailing.key, domain: domain),
                    now: now
                )
            } catch {
                // A failed ledger write never leads to a send; the next pass tries again.
                logger.error(
                    "cannot claim; not sent",
                    metadata: Self.metadata(mailing.key, extra: ["error": "\(error)"])
                )
                result.wake(at: now.addingTimeInterval(retryPolicy.minimalBackoff))
                continue
            }
            switch claim {
            case .alreadyFinal:
                continue
            case .stale(let entry):
                result.missed += 1
                logger.error("missed: it turned stale before it could be sent", metadata: Self.metadata(entry))
                continue
            case .claimed(let entry, let wasAlreadyClaimed):
                if wasAlreadyClaimed {
                    logger.warning(
                        "resending after an interrupted attempt with the same Message-ID; receivers drop the copy",
                        metadata: Self.metadata(entry)
                    )
                }
                do {
                    let assembled = try assembler.assemble(
                        mailing,
                        minutes: Self.minutesText(of: mailing),
                        date: now,
                        messageID: entry.messageID
                    )
                    logger.debug(
                        "prepared",
                        metadata: Self.metadata(entry, extra: ["recipients": "\(assembled.recipients)"])
                    )
                    claimed.append(
                        Claimed(
                            key: mailing.key,
                            message: OutboundMessage(
                                envelopeFrom: assembled.envelopeFrom,
                                recipients: assembled.recipients,
                                messageID: assembled.messageID,
                                data: assembled.bytes
                            )
                        )
                    )
                } catch {
                    await recordOutcome(.permanent(reason: error.description), for: mailing.key, result: &result)
                }
            }
        }
        guard !claimed.isEmpty else { return }
        if shouldStop() {
            // SIGTERM between claim and connect: nothing was attempted, so nothing may stay claimed.
            for item in claimed { await release(item.key) }
            result.stopped = true
            return
        }
        let outcomes = await configuration.transport.deliver(claimed.map(\.message))
        for (index, item) in claimed.enumerated() {
            let outcome = index < outcomes.count ? outcomes[index] : .temporary(reason: "the transport gave no outcome")
            await recordOutcome(outcome, for: item.key, result: &result)
        }
    }

    /// Records an attempt's outcome and logs it: `info` when sent, `warning` when deferred, `error` when failed.
    func recordOutcome(_ outcome: DeliveryOutcome, for key: MailingKey, result: inout Result) async {
        let now = clock.now()
        let entry: LedgerEntry
        do {
            entry = try await ledger.record(outcome, for: key, now: now, policy: retryPolicy, jitter: jitter())
        } catch {
            // The row stays `claimed`: the next pass resends it with the same Message-ID.
            logger.error(
                "cannot record the outcome; it will be resent with the same Message-ID",
                metadata: Self.metadata(key, extra: ["outcome": "\(outcome)", "error": "\(error)"])
            )
            return
        }
        switch entry.state {
        case .sent:
            result.sent += 1
            logger.info("sent", metadata: Self.metadata(entry, extra: ["reply": "\(entry.relayReply ?? "")"]))
        case .deferred:
            result.deferred += 1
            result.wake(at: entry.nextAttempt)
            logger.warning(
                "deferred: temporary failure, will retry",
                metadata: Self.metadata(
                    entry,
                    extra: [
                        "reason": "\(entry.lastError ?? "")",
                        "next_attempt": "\(entry.nextAttempt.map { $0.iso8601(in: Self.utc) } ?? "")",
                    ]
                )
            )
        case .failed:
            result.failed += 1
            logger.error(
                "failed: \(entry.operatorAdvice)",
                metadata: Self.metadata(entry, extra: ["reason": "\(entry.lastError ?? "")"])
            )
        default:
            logger.notice("attempt finished", metadata: Self.metadata(entry))
        }
    }

    /// Undoes a claim that was never attempted.
    private func release(_ key: MailingKey) async {
        do {
            try await ledger.release(key: key, now: clock.now())
            logger.notice("stopping: released before sending", metadata: Self.metadata(key, state: .scheduled))
        } catch {
            logger.error("cannot release a claim", metadata: Self.metadata(key, extra: ["error": "\(error)"]))
        }
    }

    /// The minutes file's text for a `minutes` mailing, read now (the file may have been edited since it appeared).
    static func minutesText(of mailing: Mailing) -> String? {
        guard mailing.key.kind == .minutes, let path = mailing.meeting?.minutesPath else { return nil }
        return try? String(contentsOfFile: path, encoding: .utf8)
    }
}

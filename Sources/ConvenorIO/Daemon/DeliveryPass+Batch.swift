import ConvenorCore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

extension DeliveryPass {
    /// A claimed mailing on its way to the transport.
    struct Claimed: Sendable {
        var key: MailingKey
        var message: OutboundMessage
        /// The meeting facts the message tells the list, stored with `sent` for the lifecycle.
        var announcing: AnnouncedOccurrence?
        /// A list post's list and subject, stored with `sent` so the returns mailbox can be tied to it.
        var posted: PostedCopy?
    }

    /// One claim window: claim all (one commit, before connecting), assemble, deliver over one connection, record
    /// each. A message in `prepared` with the Message-ID its claim gives is not assembled again.
    func sendBatch(
        _ batch: [PlannedSend],
        prepared: Prepared = Prepared(),
        configuration: DaemonConfiguration,
        result: inout Result
    ) async {
        let assembler = MailingAssembler(config: configuration.config, renderer: configuration.renderer)
        let domain = configuration.config.installation.from.domain
        var claimed: [Claimed] = []
        guard let first = batch.first else { return }
        if let leadership, !leadership.holds() {
            logger.warning(
                "fenced: the leader lease lapsed; claiming nothing more",
                metadata: Self.metadata(first.mailing.key)
            )
            return
        }
        // The window's claims commit together, durably, before anything is assembled or sent: one fsync for the
        // window rather than one a mailing. A failed write claims none of them, and none is sent.
        let now = clock.now()
        let mailings = batch.map(\.mailing)
        let claims: [ClaimResult]
        do {
            claims = try await ledger.claimAll(
                mailings,
                messageIDs: mailings.map { MessageID.make(for: $0.key, domain: domain) },
                now: now
            )
        } catch {
            // The next pass tries again.
            for mailing in mailings {
                logger.error(
                    "cannot claim; not sent",
                    metadata: Self.metadata(mailing.key, extra: ["error": "\(error)"])
                )
            }
            result.wake(at: now.addingTimeInterval(retryPolicy.minimalBackoff))
            return
        }
        for (mailing, claim) in zip(mailings, claims) {
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
                // Assembled ahead with the key's Message-ID, which is what a claim stores; checked all the same, so a
                // claim that ever kept another would be assembled again rather than sent under the wrong one.
                if let ready = prepared.message(
                    for: mailing.key,
                    messageID: entry.messageID ?? MessageID.make(for: mailing.key, domain: domain),
                    now: now
                ) {
                    claimed.append(ready)
                    continue
                }
                do {
                    claimed.append(
                        try message(
                            for: mailing,
                            messageID: entry.messageID,
                            now: now,
                            assembler: assembler,
                            configuration: configuration
                        )
                    )
                } catch {
                    await recordOutcome(.permanent(reason: error.description), for: mailing.key, result: &result)
                }
            }
        }
        guard !claimed.isEmpty else { return }
        if let leadership, !leadership.holds() {
            // Paused past the lease between claim and connect: another instance may have claimed these since.
            // Send nothing and leave the rows alone; the leader resends them with the same Message-IDs.
            for item in claimed {
                logger.warning(
                    "fenced: the leader lease lapsed before sending; not sent by this instance",
                    metadata: Self.metadata(item.key)
                )
            }
            return
        }
        if shouldStop() {
            // SIGTERM between claim and connect: nothing was attempted, so nothing may stay claimed.
            for item in claimed { await release(item.key) }
            result.stopped = true
            return
        }
        // Each 250 is recorded while the rest of the batch is still on the wire, so a crash mid-batch resends
        // at most the message in flight (with its same Message-ID), not the whole batch.
        let (reports, continuation) = AsyncStream<(Int, DeliveryOutcome)>.makeStream()
        let transport = configuration.transport
        let messages = claimed.map(\.message)
        let grace = stopGrace
        let leadership = leadership
        async let finished: [DeliveryOutcome] = {
            let outcomes = await Self.deliverStoppably(
                messages,
                transport: transport,
                grace: grace,
                while: { leadership?.holds() ?? true }
            ) {
                continuation.yield(($0, $1))
            }
            continuation.finish()
            return outcomes
        }()
        var recorded = Set<Int>()
        for await (index, outcome) in reports where claimed.indices.contains(index) && !recorded.contains(index) {
            recorded.insert(index)
            await recordInBatch(outcome, claimed[index], result: &result)
        }
        let outcomes = await finished
        for (index, item) in claimed.enumerated() where !recorded.contains(index) {
            let outcome = index < outcomes.count ? outcomes[index] : .temporary(reason: "the transport gave no outcome")
            await recordInBatch(outcome, item, result: &result)
        }
    }

    /// Records one message's outcome. A message the batch never started, or stopped before the relay had all of
    /// it, because this instance's lease lapsed mid-batch (a pause, a database outage) is left claimed, as before
    /// connecting: the leader resends it at once with the same Message-ID, where recording it deferred would hold
    /// it back for the retry backoff (an hour, after the claims of many leaders in the failover soak). Stopped by
    /// SIGTERM, such a message is released: nothing of it reached the relay, so the next start (or the next leader)
    /// sends it at once rather than after a retry's backoff.
    private func recordInBatch(_ outcome: DeliveryOutcome, _ item: Claimed, result: inout Result) async {
        if outcome.leftNothingWithTheRelay, let leadership, !leadership.holds() {
            logger.warning(
                "fenced: the leader lease lapsed during the batch; not sent by this instance",
                metadata: Self.metadata(item.key)
            )
            return
        }
        if outcome.leftNothingWithTheRelay, shouldStop() {
            await release(item.key)
            result.stopped = true
            return
        }
        await recordOutcome(outcome, for: item.key, announcing: item.announcing, posted: item.posted, result: &result)
    }

    /// The MAIL FROM of a message: with `returns.verp`, a list post's is `local+KEY@domain` of the bounce address
    /// (`delivery.smtp.envelope_from`, else `from`), KEY naming the post, so a bounce that quotes nothing still
    /// finds it; otherwise the assembler's choice.
    static func envelopeFrom(_ assembled: AssembledMailing, mailing: Mailing, installation: Installation) -> String {
        guard installation.returns?.verp == true, mailing.audience == .list else { return assembled.envelopeFrom }
        return VERPAddress.make(base: installation.bounceAddress, messageID: assembled.messageID)
    }

    /// Delivers a batch; on graceful shutdown (SIGTERM) nothing new starts and a transfer not yet handed over stops
    /// (the pass releases both: nothing of them reached the relay), while a message whose final dot went out gets
    /// `grace` to hear the relay's answer; then the transport's task is cancelled, which aborts libcurl from its
    /// progress callback however slow the relay is to answer. Every message then has an outcome (sent, released, or
    /// unknown when the dot went out unanswered), which is written with an uncancellable ledger write, so SIGTERM
    /// stops within 10 s and leaves no row claimed.
    static func deliverStoppably(
        _ messages: [OutboundMessage],
        transport: any MailTransport,
        grace: Duration,
        while mayGoOn: @escaping @Sendable () -> Bool = { true },
        reporting report: @escaping @Sendable (Int, DeliveryOutcome) -> Void
    ) async -> [DeliveryOutcome] {
        let stopping = ShutdownSeen()
        return await withTaskGroup(of: [DeliveryOutcome]?.self) { group in
            group.addTask {
                await transport.deliver(
                    messages,
                    while: { mayGoOn() && !stopping.isSet },
                    reporting: report
                )
            }
            group.addTask {
                // Returns nil both when the grace after SIGTERM ran out and when the batch finished first.
                do { try await gracefulShutdown() } catch { return nil }
                stopping.set()
                try? await Wakeup.sleep(for: grace)
                return nil
            }
            var outcomes: [DeliveryOutcome] = []
            while let next = await group.next() {
                if let delivered = next {
                    outcomes = delivered
                    group.cancelAll()
                    break
                }
                // The grace ran out: abort the transfer; its outcomes arrive as the next result.
                group.cancelAll()
            }
            return outcomes
        }
    }

    /// The moderator password for a list post of a group that has one; nil otherwise.
    func approval(for mailing: Mailing, config: Config) throws(AssemblyError) -> ListApproval? {
        guard mailing.audience == .list, let group = config.group(id: mailing.key.group) else { return nil }
        do {
            return try secrets.listApproval(for: group, installation: config.installation)
        } catch {
            throw AssemblyError(key: mailing.key, reason: "the list's moderator password cannot be read: \(error)")
        }
    }

    /// Records an attempt's outcome and logs it: `info` when sent, `warning` when deferred, `error` when failed.
    /// `announcing` is stored only if the outcome is `sent` (see `AnnouncedOccurrence(announcing:domain:at:)`).
    func recordOutcome(
        _ outcome: DeliveryOutcome,
        for key: MailingKey,
        announcing: AnnouncedOccurrence? = nil,
        posted: PostedCopy? = nil,
        result: inout Result
    ) async {
        let now = clock.now()
        var announcing = announcing
        announcing?.updatedAt = now
        guard
            let entry = await writeOutcome(
                outcome,
                for: key,
                now: now,
                announcing: announcing,
                posted: posted
            )
        else { return }
        switch entry.state {
        case .sent:
            result.sent += 1
            logger.info("sent", metadata: Self.metadata(entry, extra: ["reply": "\(entry.relayReply ?? "")"]))
        case .deferred:
            result.deferred += 1
            result.wake(at: entry.nextAttempt)
            if case .relayTrouble(let trouble) = outcome {
                result.waiting += 1
                result.relayTrouble = trouble
                logger.warning(
                    "waiting: the relay cannot be used; not the mailing's fault, it will be retried",
                    metadata: Self.metadata(
                        entry,
                        extra: [
                            "reason": "\(entry.lastError ?? "")",
                            "next_attempt": "\(entry.nextAttempt.map { $0.iso8601(in: Self.utc) } ?? "")",
                        ]
                    )
                )
                return
            }
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

    /// Writes an outcome to the ledger; nil when it could not be written (logged), the row then stays `claimed`
    /// and the next pass resends it with the same Message-ID. A shared database that stopped answering usually
    /// answers again within seconds, so such a write is tried again through `rewriteWaits`, while the row still
    /// carries this instance's token, rather than the relay's answer lost and the mail sent again by the next
    /// leader. Not at shutdown: SIGTERM must stop within 10 s.
    private func writeOutcome(
        _ outcome: DeliveryOutcome,
        for key: MailingKey,
        now: Date,
        announcing: AnnouncedOccurrence?,
        posted: PostedCopy?
    ) async -> LedgerEntry? {
        var waits = Self.rewriteWaits[...]
        while true {
            do {
                return try await ledger.record(
                    outcome,
                    for: key,
                    now: now,
                    policy: retryPolicy,
                    jitter: jitter(),
                    announcing: announcing,
                    posted: posted
                )
            } catch {
                let metadata = Self.metadata(key, extra: ["outcome": "\(outcome)", "error": "\(error)"])
                guard error.mayPassOnRetry, let wait = waits.popFirst(), !shouldStop() else {
                    logger.error(
                        "cannot record the outcome; it will be resent with the same Message-ID",
                        metadata: metadata
                    )
                    return nil
                }
                if waits.count == Self.rewriteWaits.count - 1 {
                    logger.warning("cannot record the outcome yet; trying again", metadata: metadata)
                }
                await waitBeforeRewrite(wait)
            }
        }
    }

    /// The waits between tries to record an outcome while the ledger's database does not answer: about a minute,
    /// longer than a database restart or a fail-over of its host usually takes.
    package static let rewriteWaits: [Duration] =
        [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4)]
        + Array(repeating: .seconds(8), count: 6)

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
    /// Unreadable, not UTF-8, too large or moved outside the group's folders fails the mailing (and so alerts the
    /// operator): an empty "the minutes are below" mail must never be recorded sent.
    static func minutesText(of mailing: Mailing, config: Config) throws(AssemblyError) -> String? {
        do {
            return try MinutesFiles.read(for: mailing, config: config)
        } catch {
            throw AssemblyError(key: mailing.key, reason: "the minutes cannot be sent: \(error)")
        }
    }
}

/// Set by the batch's shutdown task once SIGTERM came: libcurl asks the batch's gate on the SMTP thread, where no
/// task-local says the service is shutting down.
private final class ShutdownSeen: Sendable {
    private let seen = Atomic<Bool>(false)

    func set() { seen.store(true, ordering: .releasing) }

    var isSet: Bool { seen.load(ordering: .acquiring) }
}

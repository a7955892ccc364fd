import ConvenorCore
import Foundation
import Logging

extension DeliveryPass {
    /// The most messages read in one look at the returns mailbox; the rest wait for the next poll.
    static let returnsPerPoll = 200

    /// Reads the returns mailbox when its poll is due (`returns.poll_every`, on the daemon's own clock: the pass
    /// asks to wake at the next poll, nothing loops), and writes what the lists and mail servers said into the
    /// ledger: the list's copy makes a post `distributed`; a hold, refusal or bounce makes it `held`, `rejected`
    /// or `bounced`, with the list's words or the DSN's status and diagnostic.
    ///
    /// Each message is parsed without trust (`InboundMessage`), recognised (`ReturnClassifier`) and tied to a post
    /// (`ReturnMatcher`: the Message-ID it quotes or encloses, `In-Reply-To`/`References`, the VERP key, or the list
    /// and subject). Understood mail is moved to the understood folder only after the ledger recorded it; mail
    /// convenor does not understand, or cannot tie to one of its posts, is left exactly as it was.
    func readReturns(_ configuration: DaemonConfiguration, result: inout Result) async {
        let installation = configuration.config.installation
        guard let settings = installation.returns else { return }
        let now = clock.now()
        let interval = TimeInterval(settings.pollSeconds)
        if let last = returnsPoll.lastPoll, now < last.addingTimeInterval(interval) {
            result.wake(at: last.addingTimeInterval(interval))
            return
        }
        let mailbox: any ReturnsMailbox
        let items: [ReturnsItem]
        let skipping = returnsPoll.left(at: settings.location)
        do throws(ReturnsError) {
            mailbox = try ReturnsMailboxes.make(settings, secrets: secrets)
            items = try await mailbox.fetch(skipping: skipping, limit: Self.returnsPerPoll)
        } catch {
            logger.error(
                "cannot read the returns mailbox; list posts stay 'accepted by the relay' until it can be read",
                metadata: ["mailbox": "\(settings.location)", "error": "\(error.summary)", "fix": "\(error.fix)"]
            )
            // Counted as a look: the next try is one interval later, not a loop on a broken mailbox.
            returnsPoll.recordPoll(at: now, left: [])
            result.wake(at: now.addingTimeInterval(interval))
            return
        }
        let posts: [PostAwaitingReturn]
        do {
            posts = try await Self.postsAwaitingReturn(ledger.entries(), config: configuration.config)
        } catch {
            logger.error("cannot read the ledger for the returns mailbox", metadata: ["error": "\(error)"])
            result.wake(at: now.addingTimeInterval(retryPolicy.minimalBackoff))
            return
        }
        let verpBase = settings.verp ? installation.bounceAddress : nil
        var understood: [ReturnsItem] = []
        var left: [ReturnsItem] = []
        var unreadable: [ReturnsItem] = []
        for item in items {
            let message = InboundMessage(bytes: item.bytes)
            guard let mail = ReturnClassifier.classify(message),
                let post = Self.match(mail, message: message, verpBase: verpBase, posts: posts)
            else {
                left.append(item)
                logger.debug(
                    "returns: left in the mailbox (not recognised, or not about a post of convenor's)",
                    metadata: ["id": "\(item.id)", "subject": "\(RenderText.oneLine(message.subject))"]
                )
                continue
            }
            do {
                let entry = try await ledger.recordReturn(mail, for: post.key, now: clock.now())
                if let entry { logReturn(mail, entry: entry) }
                understood.append(item)
            } catch {
                // Not moved: the next poll reads it again and tries the write again.
                unreadable.append(item)
                logger.error(
                    "cannot record what the returns mailbox said; it is read again at the next poll",
                    metadata: Self.metadata(post.key, extra: ["error": "\(error)"])
                )
            }
        }
        do throws(ReturnsError) {
            try await mailbox.settle(understood: understood, left: left)
        } catch {
            logger.error(
                "cannot move understood mail in the returns mailbox; it is read again at the next poll",
                metadata: ["mailbox": "\(settings.location)", "error": "\(error.summary)", "fix": "\(error.fix)"]
            )
        }
        returnsPoll.recordPoll(at: now, left: left.map(\.id))
        if !items.isEmpty {
            logger.info(
                "returns mailbox read",
                metadata: [
                    "read": "\(items.count)", "understood": "\(understood.count)", "left": "\(left.count)",
                ]
            )
        }
        // A full batch: more are waiting, so look again soon rather than after a whole interval.
        let next = items.count >= Self.returnsPerPoll ? now.addingTimeInterval(10) : now.addingTimeInterval(interval)
        result.wake(at: next)
    }

    /// The posts the returns mailbox may speak of: rows with a Message-ID whose message may have gone out, the
    /// list they went to (written with `sent`, or the group's list for a row whose outcome is unknown).
    static func postsAwaitingReturn(_ entries: [LedgerEntry], config: Config) -> [PostAwaitingReturn] {
        entries.compactMap { entry in
            guard let messageID = entry.messageID, entry.key.kind.audience == .list,
                entry.state.allowedTransitions.contains(.distributed)
            else { return nil }
            let list = entry.postedTo ?? config.group(id: entry.key.group)?.list ?? ""
            return PostAwaitingReturn(
                key: entry.key,
                messageID: messageID,
                list: list,
                subject: entry.subject ?? "",
                acceptedAt: entry.sentAt ?? entry.updatedAt
            )
        }
    }

    /// `ReturnMatcher`, and then the ids in `In-Reply-To` and `References` (a list server's or a person's reply to
    /// the post) for a notice that quotes no Message-ID of its own.
    static func match(
        _ mail: ReturnedMail,
        message: InboundMessage,
        verpBase: String?,
        posts: [PostAwaitingReturn]
    )
        -> PostAwaitingReturn?
    {
        let deliveredTo = ["Delivered-To", "X-Original-To", "Envelope-To", "To"].flatMap { message.headers(named: $0) }
        if let post = ReturnMatcher.match(mail, deliveredTo: deliveredTo, verpBase: verpBase, posts: posts) {
            return post
        }
        // A copy is proved by its own Message-ID only; a reply that quotes the post is not the list's copy.
        guard mail.verdict != .distributed else { return nil }
        let referenced = (message.headers(named: "In-Reply-To") + message.headers(named: "References"))
            .flatMap(HeaderWords.messageIDs).map { $0.lowercased() }
        return posts.first { referenced.contains($0.messageID.lowercased()) }
    }

    private func logReturn(_ mail: ReturnedMail, entry: LedgerEntry) {
        let metadata = Self.metadata(entry, extra: ["source": "\(mail.source.rawValue)"])
        switch entry.state {
        case .distributed:
            logger.notice("distributed: the list's own copy came back", metadata: metadata)
        case .held:
            logger.error(
                "held by the list: \(RenderText.oneLine(entry.listWords ?? ""))",
                metadata: metadata
            )
        case .rejected:
            logger.error(
                "refused by the list: \(RenderText.oneLine(entry.listWords ?? ""))",
                metadata: metadata
            )
        case .bounced:
            logger.error(
                "returned undelivered: \(entry.bounceStatus ?? "") \(RenderText.oneLine(entry.bounceDiagnostic ?? ""))",
                metadata: metadata
            )
        default:
            logger.info("returns: noted", metadata: metadata)
        }
    }
}

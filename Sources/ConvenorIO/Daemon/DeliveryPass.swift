package import ConvenorCore
package import Foundation
package import Logging
import ServiceLifecycle

/// One pass of the daemon at the wall clock's "now": record what is missed, send what is due, alert the operator,
/// and say when to wake next.
///
/// The pass follows the ledger's protocol (see `LedgerStore`): each send is claimed (committed) before its batch
/// connects, and a claim that throws is never sent. Batches hold at most `delivery.rate_per_minute` messages, one
/// batch per minute, each sent in claim windows of at most `DeliveryBatches.claimWindow`, one connection each. Between steps the pass checks `shouldStop` (SIGTERM): claims of a batch
/// that has not connected yet are released, so no row stays `claimed` without an attempt.
///
/// Running the same pass twice sends nothing twice: the planner skips final rows, so two `run --once` in a row
/// send each mailing once.
package struct DeliveryPass: Sendable {
    package var ledger: any LedgerStore
    package var clock: any WallClock
    package var logger: Logger
    package var retryPolicy: RetryPolicy = .standard
    package var alertPolicy = OperatorAlertPolicy()
    /// Reads a list's moderator password (`posting.approved_password_credential`) at each send, never earlier, so a
    /// rotated password is picked up and the secret lives only as long as the message that carries it.
    package var secrets: any SecretReading = SecretReader.fromEnvironment()
    /// A uniform fraction in `0..<1` for retry jitter; random in production, fixed in tests.
    package var jitter: @Sendable () -> Double = { Double.random(in: 0..<1) }
    /// True once the daemon should stop starting new work (graceful shutdown).
    package var shouldStop: @Sendable () -> Bool = { Task.isShuttingDownGracefully || Task.isCancelled }
    /// Waits before writing an outcome again when the ledger's database did not answer (`rewriteWaits`).
    package var waitBeforeRewrite: @Sendable (Duration) async -> Void = { duration in
        try? await Wakeup.sleep(for: duration)
    }
    /// Waits between rate-limited batches; returns early on shutdown (the next `shouldStop` check then ends the pass).
    package var pause: @Sendable (Duration) async -> Void = { duration in
        try? await cancelWhenGracefulShutdown { try await Wakeup.sleep(for: duration) }
    }

    /// How long the message in flight may still take after SIGTERM before its transfer is aborted; with the
    /// ledger writes after it this keeps the stop within OPERATOR.md's 10 seconds.
    package var stopGrace: Duration = .seconds(5)

    /// When the ledger first ran (`FirstStart.establish`): mail due well before it is skipped, and misses of mail
    /// due before it are neither recorded nor reported (`FirstStartRule`). Nil: nothing is held back.
    package var firstStart: Date?
    /// `run --catch-up SINCE`: overrides convenor.yaml's `catch_up_since:`.
    package var catchUpSince: LocalDate?
    /// Set when this process recorded the first start: its first pass lists what was skipped at notice.
    package var skipAnnouncement: SkipAnnouncement?

    /// The ledger file as opened at start; a pass that finds it deleted or replaced sends nothing (see
    /// `LedgerFileWatch`). Nil for in-memory ledgers.
    package var ledgerWatch: LedgerFileWatch?
    /// Leadership of a shared ledger (issue 20): only the instance holding the lease plans, claims, sends and alerts,
    /// and it stops before each claim and before connecting once the lease has lapsed. Nil: the only instance.
    package var leadership: Leadership?

    /// Paces the operator's mail about relay trouble (at once, then hourly); shared by every copy of the pass.
    package var relayAlerts = HourlyAlertLimiter()
    /// When the returns mailbox was last read, and what was left in it; shared by every copy of the pass.
    package var returnsPoll = ReturnsPollState()
    /// What was last written to `calendar_file:`; shared by every copy of the pass.
    package var calendarFile = CalendarFileState()
    /// The held mailings already logged; shared by every copy of the pass.
    package var heldMail = HeldMailLog()

    /// How long after going stale a mailing is still looked at: a downtime up to this long has its stale mailings
    /// recorded `missed` (and reported); anything still valid is sent whatever its due time, because the schedule is
    /// read as far back as the scheduler looks ahead (a confirm-date can stay valid for months).
    package static let lookback: TimeInterval = 120 * 86_400

    /// A pass over `ledger`, reading "now" from `clock` and logging to `logger`.
    package init(ledger: any LedgerStore, clock: any WallClock, logger: Logger) {
        self.ledger = ledger
        self.clock = clock
        self.logger = logger
    }

    /// What one pass did, and when the next one is needed.
    package struct Result: Hashable, Sendable {
        /// The earliest instant something becomes due, retryable or alertable; nil when nothing is pending.
        package var nextWake: Date?
        package var sent = 0
        package var deferred = 0
        package var failed = 0
        package var missed = 0
        /// True when the pass ended early because the daemon is stopping.
        package var stopped = false
        /// Mailings left waiting on relay trouble, and the latest such trouble (see `RelayTrouble`).
        package var waiting = 0
        package var relayTrouble: RelayTrouble?
        /// Mailings a first start held back (`FirstStartRule`).
        package var skipped = 0
    }

    /// The first-start rule for `config`, or nil when no first start is known.
    package func firstStartRule(_ config: Config) -> FirstStartRule? {
        firstStart.map {
            FirstStartRule(
                firstStart: $0,
                grace: config.installation.firstStartGrace,
                catchUpSince: catchUpSince ?? config.installation.catchUpSince
            )
        }
    }

    /// Runs one pass with `configuration`.
    package func run(_ fileConfiguration: DaemonConfiguration) async -> Result {
        let now = clock.now()
        if let watch = ledgerWatch, let problem = watch.problem() {
            return await refuseLostLedger(watch, problem: problem, configuration: fileConfiguration, now: now)
        }
        if let leadership, !leadership.holds() {
            // Standing by: another instance leads (or the database is away). Nothing is read; look again at the
            // next renewal (a fraction of a second for a short lease: never `components.seconds`, which is 0).
            return Result(nextWake: now.addingTimeInterval(leadership.renewalInterval.timeInterval))
        }
        // The chairs' changes as they stand now: a date confirmed on the web is planned by this very pass.
        let configuration: DaemonConfiguration
        do {
            let merged = try await fileConfiguration.mergingChairChanges(from: ledger)
            configuration = merged.configuration
            for diagnostic in merged.diagnostics {
                logger.debug("a chair's change is not applied", metadata: ["diagnostic": "\(diagnostic)"])
            }
        } catch {
            logger.error("cannot read the chairs' changes; planning without them", metadata: ["error": "\(error)"])
            configuration = fileConfiguration
        }
        let config = configuration.config
        let minutes = MinutesFiles.scan(config)
        let existingMinutes = minutes.ready
        // What came back from the lists first: a copy seen now settles a post before the planner looks at it.
        var returnsResult = Result()
        await readReturnsIfAResendWaits(configuration)
        await readReturns(configuration, result: &returnsResult)
        let snapshot: LedgerSnapshot
        do {
            snapshot = try await ledger.snapshot()
        } catch {
            logger.error("cannot read the ledger; nothing is sent this pass", metadata: ["error": "\(error)"])
            var result = Result(
                nextWake: Scheduler(config: config, existingMinutes: existingMinutes).nextDue(after: now)
            )
            result.wake(at: now.addingTimeInterval(retryPolicy.minimalBackoff))
            return result
        }
        // The one road (`Outlook`): scheduler, then the lifecycle's rescheduled and cancelled notices and revisions,
        // then the planner. `to` is half-open; the smallest step past `now` includes mailings due exactly now.
        // On a thread of its own: for a few thousand groups this is seconds of CPU, which on an event loop would
        // hold back the lease renewal queued behind it (the failover soak saw a leader's lease lapse while it
        // planned) and the web's requests.
        let firstStart = firstStartRule(config)
        let drafts = minutes.drafts
        let heldClaims = await predecessorsClaims(now: now)
        let outlook = await DedicatedThread.run(name: "convenor-plan") {
            Outlook(
                config: config,
                existingMinutes: existingMinutes,
                snapshot: snapshot,
                from: now.addingTimeInterval(-Scheduler.lookAhead),
                to: Date(timeIntervalSinceReferenceDate: now.timeIntervalSinceReferenceDate.nextUp),
                now: now,
                validAfter: now.addingTimeInterval(-Self.lookback),
                firstStart: firstStart,
                draftMinutes: drafts,
                nextDueAfter: now,
                heldClaims: heldClaims
            )
        }
        let plan = outlook.plan
        var result = Result(nextWake: outlook.nextDue)
        result.wake(at: plan.nextWake)
        result.wake(at: returnsResult.nextWake)
        result.skipped = plan.skip.filter { $0.reason == .dueBeforeFirstStart }.count
        if let rule = firstStartRule(config) { report(plan.skip, rule: rule) }
        report(plan.waiting, installation: config.installation, now: now)
        reportHeldClaims(plan.heldClaims)

        for miss in plan.miss {
            await record(miss, now: now, domain: config.installation.from.domain, result: &result)
        }
        // Before the orphans: a cancelled meeting's rows get the reason the chairs gave them.
        for mailing in outlook.withdrawn {
            await withdraw(mailing, now: now)
        }
        for key in plan.orphaned {
            do {
                try await ledger.cancel(key: key, reason: "no longer in the schedule", now: now)
                logger.warning(
                    "cancelled: the mailing is no longer in the schedule",
                    metadata: Self.metadata(key, state: .cancelled)
                )
            } catch {
                logger.error("cannot cancel", metadata: Self.metadata(key, extra: ["error": "\(error)"]))
            }
        }
        let sends = holdingResendsForTheListsCopy(
            plan.send,
            snapshot: snapshot,
            configuration: configuration,
            now: now,
            result: &result
        )
        await send(sends, configuration: configuration, result: &result)
        if let trouble = result.relayTrouble {
            await alertRelayTrouble(trouble, waiting: result.waiting, configuration: configuration, now: clock.now())
        }
        if !result.stopped {
            await alertChairs(configuration, result: &result)
            await alertOperator(configuration, result: &result)
        }
        // Stopping: the file waits for the next start. A notice sent this pass raised its meeting's SEQUENCE: read
        // the ledger again so the file carries it.
        if result.stopped { return result }
        var feedSnapshot = snapshot
        if result.sent > 0, config.installation.calendarFile != nil, let fresh = try? await ledger.snapshot() {
            feedSnapshot = fresh
        }
        refreshCalendarFile(config, existingMinutes: existingMinutes, snapshot: feedSnapshot, now: clock.now())
        return result
    }

    /// Makes every mailing that waits on relay trouble due now (after a reload), and logs how many.
    package func retryWaiting() async {
        do {
            let count = try await ledger.retryWaitingNow(now: clock.now())
            if count > 0 {
                logger.notice("retrying mailings that waited on the relay", metadata: ["count": "\(count)"])
            }
        } catch {
            logger.error("cannot make waiting mailings due", metadata: ["error": "\(error)"])
        }
    }

    /// Records a planned miss and logs it at `error`: the operator must hear of every mailing that did not go out.
    private func record(_ miss: PlannedMiss, now: Date, domain: String, result: inout Result) async {
        do {
            let entry = try await ledger.markMissed(miss.mailing, reason: miss.reason, now: now)
            guard entry.state == .missed else { return }
            result.missed += 1
            logger.error(
                "missed: not sent, it would be \(miss.reason.isStale ? "stale" : "pointless")",
                metadata: Self.metadata(
                    entry,
                    extra: [
                        "reason": "\(miss.reason)",
                        // The Message-ID it would have had, to match against an earlier `resending` line.
                        "message_id": "\(entry.messageID ?? MessageID.make(for: entry.key, domain: domain))",
                    ]
                )
            )
        } catch {
            logger.error(
                "cannot record a miss",
                metadata: Self.metadata(miss.mailing.key, extra: ["error": "\(error)"])
            )
        }
    }

    /// Records a cancelled meeting's mailing `cancelled` (a final row is left alone) and logs it.
    private func withdraw(_ mailing: Mailing, now: Date) async {
        do {
            let entry = try await ledger.markCancelled(mailing, reason: "the meeting was cancelled", now: now)
            // A row already final (sent, or withdrawn by an earlier pass) is left alone and not logged again.
            guard entry.state == .cancelled, entry.updatedAt == now else { return }
            logger.notice("cancelled: the meeting was cancelled", metadata: Self.metadata(entry))
        } catch {
            logger.error("cannot cancel", metadata: Self.metadata(mailing.key, extra: ["error": "\(error)"]))
        }
    }

    /// Claims, assembles, delivers and records the sends, in rate-limited batches.
    private func send(_ sends: [PlannedSend], configuration: DaemonConfiguration, result: inout Result) async {
        let rate = configuration.config.installation.delivery.ratePerMinute
        let batches = DeliveryBatches.split(sends, ratePerMinute: rate)
        for (index, batch) in batches.enumerated() {
            if index > 0 {
                await pause(.seconds(60))
            }
            if shouldStop() {
                result.stopped = true
                return
            }
            let windows = DeliveryBatches.windows(batch)
            var prepared = Prepared()
            for (number, window) in windows.enumerated() {
                if number > 0, shouldStop() {
                    result.stopped = true
                    return
                }
                // Fenced during the last window (which said so): the new leader sends the rest.
                if number > 0, let leadership, !leadership.holds() { return }
                // The next window of the same batch is assembled while this one is claimed and sent.
                let next = windows.indices.contains(number + 1) ? windows[number + 1] : []
                async let ahead = next.isEmpty ? Prepared() : prepareAhead(next, configuration: configuration)
                await sendBatch(window, prepared: prepared, configuration: configuration, result: &result)
                prepared = await ahead
                if result.stopped { return }
            }
        }
    }
}

extension DeliveryPass.Result {
    /// Keeps the earliest wake-up.
    mutating func wake(at instant: Date?) {
        guard let instant else { return }
        nextWake = nextWake.map { min($0, instant) } ?? instant
    }
}

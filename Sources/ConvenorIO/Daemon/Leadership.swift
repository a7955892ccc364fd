package import ConvenorCore
package import Foundation
package import Logging
import Synchronization

/// What this instance knows of its own leadership of a shared ledger (issue 20), kept fresh by `maintain`.
///
/// The deadline is local and monotonic, counted from the moment the renewal was *sent*: the database started the
/// lease no earlier than that, so the instance stops acting as leader no later than the database stops believing
/// it is one. A process paused past its lease (SIGSTOP, a VM freeze) finds on waking that the monotonic clock moved
/// on and `holds()` is false, before it claims or sends anything; that is the fence. `margin` absorbs clock-rate
/// differences between the hosts.
package final class Leadership: FencingTokenSource {
    /// This instance's name in the lease row: host, pid and a random part, so a restarted daemon is a new instance.
    package let instance: String
    package let leaseSeconds: Int
    private let held = Mutex<(token: Int, until: ContinuousClock.Instant)?>(nil)
    private let lastLeader = Mutex<String?>(nil)
    private let lastHeld = Mutex<Int?>(nil)
    private let predecessorHold = Mutex<(token: Int, until: Date)?>(nil)

    package init(instance: String, leaseSeconds: Int) {
        self.instance = instance
        self.leaseSeconds = leaseSeconds
    }

    /// `host:pid:random`.
    package static func makeInstanceName() -> String {
        let host = ProcessInfo.processInfo.hostName
        return "\(host):\(getpid()):\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
    }

    /// The part of the lease not trusted: a tenth, at least half a second.
    var margin: Duration { max(.milliseconds(500), .seconds(leaseSeconds) / 10) }

    /// How often the lease is renewed: a third of it, so two renewals can fail before it lapses.
    package var renewalInterval: Duration { .seconds(leaseSeconds) / 3 }

    /// True while this instance may act as leader: checked before each pass, each claim and each connection.
    package func holds(at now: ContinuousClock.Instant = .now) -> Bool {
        held.withLock { state in state.map { now < $0.until } ?? false }
    }

    /// The fencing token of the lease this instance holds, if it holds one.
    package var token: Int? {
        held.withLock { state in state.flatMap { ContinuousClock.now < $0.until ? $0.token : nil } }
    }

    /// The token of the last lease this instance held, kept after it lapsed or passed to another instance.
    package var lastToken: Int? { lastHeld.withLock { $0 } }

    /// Until when (by this instance's wall clock) the rows the predecessor left `claimed` are left to it, in case it
    /// is only paused mid-send and records the relay's answer when it wakes (`LeaderLease.claimHold`); nil: none.
    package var claimsHeldUntil: Date? { predecessorHold.withLock { $0?.until } }

    /// The lease token the predecessor's claims carry (the token before this instance's) while they are held.
    package var predecessorToken: Int? { predecessorHold.withLock { $0?.token } }

    /// Takes the database's answer to a request sent at `askedAt` (`wallNow`: this instance's clock when it came);
    /// returns true when this instance leads.
    @discardableResult
    package func update(_ lease: LeaderLease, askedAt: ContinuousClock.Instant, wallNow: Date = Date()) -> Bool {
        let mine = lease.holder == instance
        held.withLock { state in
            state = mine ? (lease.token, askedAt + .seconds(leaseSeconds) - margin) : nil
        }
        if mine {
            let isNew = lastHeld.withLock { last in
                defer { last = lease.token }
                return last != lease.token
            }
            if isNew {
                let hold = lease.claimHold(seconds: leaseSeconds)
                // Tokens rise by one at each change of holder: the predecessor's is the one before ours.
                predecessorHold.withLock { $0 = hold.map { (lease.token - 1, wallNow.addingTimeInterval($0)) } }
            }
        }
        return mine
    }

    /// Forgets the lease (after resigning).
    func drop() {
        held.withLock { $0 = nil }
    }

    /// Renews (or tries to take) the lease every `renewalInterval` until `shouldStop`, then resigns. When the
    /// database cannot be reached the lease lapses by itself at its local deadline (nothing new is sent), the error
    /// is logged at `error` once per outage and retried with backoff up to the renewal interval; the first answer
    /// after it restores leadership (or shows another instance took over).
    package func maintain(
        _ store: any LeaderElection,
        clock: any WallClock,
        logger: Logger,
        shouldStop: @escaping @Sendable () -> Bool,
        sleep: @escaping @Sendable (Duration) async -> Void
    ) async {
        var backoff = Duration.milliseconds(250)
        var failing = false
        while !shouldStop() {
            let askedAt = ContinuousClock.now
            do {
                let lease = try await store.requestLeadership(
                    instance: instance,
                    seconds: leaseSeconds,
                    now: clock.now()
                )
                let wasLeader = holds(at: askedAt)
                let leads = update(lease, askedAt: askedAt, wallNow: clock.now())
                if failing {
                    logger.notice("ledger database reachable again", metadata: ["leader": "\(lease.holder)"])
                    failing = false
                }
                backoff = .milliseconds(250)
                report(lease, leads: leads, wasLeader: wasLeader, logger: logger)
                await sleep(renewalInterval)
            } catch {
                if !failing {
                    logger.error(
                        "cannot renew the leader lease; sending nothing new until the ledger database answers",
                        metadata: ["error": "\(error)"]
                    )
                    failing = true
                }
                await sleep(backoff)
                backoff = min(backoff * 2, renewalInterval)
            }
        }
        await resign(store, clock: clock, logger: logger)
    }

    /// One request for the lease (`convenor run --once`): true when this instance leads now.
    package func takeOnce(_ store: any LeaderElection, clock: any WallClock, logger: Logger) async -> Bool {
        let askedAt = ContinuousClock.now
        do {
            let lease = try await store.requestLeadership(instance: instance, seconds: leaseSeconds, now: clock.now())
            if update(lease, askedAt: askedAt, wallNow: clock.now()) { return true }
            logger.notice(
                "another instance leads the shared ledger; this run sends nothing",
                metadata: ["leader": "\(lease.holder)", "until": "\(lease.expiresAt.iso8601(in: DeliveryPass.utc))"]
            )
        } catch {
            logger.error("cannot take the leader lease; nothing sent", metadata: ["error": "\(error)"])
        }
        return false
    }

    /// Gives the lease up if this instance holds it, so the next instance need not wait it out, and forgets it.
    package func resign(_ store: any LeaderElection, clock: any WallClock, logger: Logger) async {
        if holds() {
            do {
                try await store.resignLeadership(instance: instance, now: clock.now())
                logger.notice("resigned the leader lease", metadata: ["instance": "\(instance)"])
            } catch {
                logger.warning("cannot resign the leader lease; it expires by itself", metadata: ["error": "\(error)"])
            }
        }
        drop()
    }

    private func report(_ lease: LeaderLease, leads: Bool, wasLeader: Bool, logger: Logger) {
        let previous = lastLeader.withLock { last in
            defer { last = lease.holder }
            return last
        }
        guard previous != lease.holder || leads != wasLeader else { return }
        if leads {
            logger.notice(
                "leading: this instance plans and sends",
                metadata: ["instance": "\(instance)", "token": "\(lease.token)", "previous": "\(previous ?? "none")"]
            )
        } else {
            logger.notice(
                "standing by: another instance leads",
                metadata: [
                    "leader": "\(lease.holder)", "until": "\(lease.expiresAt.iso8601(in: DeliveryPass.utc))",
                ]
            )
        }
    }
}

extension Duration {
    /// The duration in seconds, fractions included.
    package var timeInterval: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

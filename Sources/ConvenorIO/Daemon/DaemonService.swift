import ConvenorCore
package import Foundation
package import Logging
import ServiceLifecycle
import Synchronization
package import UnixSignals

/// `convenor run`: delivery passes, each followed by one sleep until the next due time, retry or alert.
///
/// One timer, no polling: between passes the service parks on a single `Wakeup` wait, which ends at the deadline,
/// on SIGHUP (reload) or on graceful shutdown (SIGTERM). The sleep is capped at `maximumSleep` (an hour) for the
/// two changes no event announces: a minutes file appearing (it makes the minutes mail due) and a wall-clock step
/// (NTP, a VM resumed after days), which a monotonic sleep does not see. An hourly pass is invisible next to the
/// cost of a mailing sent hours late.
///
/// SIGHUP reloads config and templates as a whole; when anything is broken every diagnostic is logged (FILE:LINE)
/// and the daemon keeps the last good configuration. Graceful shutdown lets the current step finish: a batch
/// already connected is recorded, claims not yet connected are released (see `DeliveryPass`).
package struct DaemonService: Service {
    /// The longest sleep between two passes; see the type's comment for why there is one.
    package static let maximumSleep: Duration = .seconds(3600)

    private let initial: DaemonConfiguration
    private let pass: DeliveryPass
    private let reload: @Sendable () -> DaemonConfiguration.LoadResult
    private let notifier: SystemdNotifier
    private let logger: Logger
    private let reloadSignals: [UnixSignal]
    private let status: DaemonStatus?

    /// A service starting with `configuration`.
    ///
    /// - Parameters:
    ///   - reload: reads config and templates again (on SIGHUP).
    ///   - notifier: tells systemd READY=1, RELOADING=1 and STOPPING=1 (does nothing outside systemd).
    ///   - reloadSignals: the signals that trigger a reload; SIGHUP, as `systemctl reload` sends.
    ///   - status: where the current configuration and each pass are published for the web (nil: nowhere).
    package init(
        configuration: DaemonConfiguration,
        pass: DeliveryPass,
        reload: @escaping @Sendable () -> DaemonConfiguration.LoadResult,
        notifier: SystemdNotifier,
        logger: Logger,
        reloadSignals: [UnixSignal] = [.sighup],
        status: DaemonStatus? = nil
    ) {
        self.initial = configuration
        self.pass = pass
        self.reload = reload
        self.notifier = notifier
        self.logger = logger
        self.reloadSignals = reloadSignals
        self.status = status
    }

    package func run() async throws {
        let wakeup = Wakeup()
        let reloadRequested = ReloadRequest()
        // Registered before READY=1, so a reload sent as soon as systemd calls us started is not lost.
        let signals = await UnixSignalsSequence(trapping: reloadSignals)
        // A change saved on the web is read at once, exactly like a SIGHUP.
        status?.onReloadRequest {
            reloadRequested.set()
            wakeup.poke()
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in signals {
                    reloadRequested.set()
                    wakeup.poke()
                }
            }
            let loopFinished = Atomic<Bool>(false)
            if let leadership = pass.leadership, let election = pass.ledger as? any LeaderElection {
                let pass = pass
                group.addTask {
                    await leadership.maintain(
                        election,
                        clock: pass.clock,
                        logger: pass.logger,
                        // Not `pass.shouldStop`: after SIGTERM the message on the wire is still answered and
                        // recorded, and the rest of its batch released, as the leader; so the lease is resigned only
                        // once the loop has returned. Cancelled (the group below), it stops at once.
                        shouldStop: { loopFinished.load(ordering: .acquiring) || Task.isCancelled },
                        sleep: { duration in
                            // A renewal wakes the loop when leadership changes hands, so a standby takes over at once.
                            try? await Wakeup.sleep(for: duration)
                        }
                    )
                }
            }
            _ = notifier.ready(status: "running")
            logger.notice("started", metadata: ["pid": "\(getpid())"])
            await withGracefulShutdownHandler {
                await loop(wakeup: wakeup, reloadRequested: reloadRequested)
                loopFinished.store(true, ordering: .releasing)
            } onGracefulShutdown: {
                // Told at once, so systemd shows "deactivating" while the current batch finishes.
                _ = notifier.stopping()
                wakeup.poke()
            }
            group.cancelAll()
        }
        logger.notice("stopped")
    }

    private func loop(wakeup: Wakeup, reloadRequested: ReloadRequest) async {
        var current = initial
        while !pass.shouldStop() {
            if reloadRequested.take() {
                current = reloaded(current)
                status?.publish(current)
                // The operator reloads after fixing the relay or its password: what waited on it goes now.
                await pass.retryWaiting()
            }
            let passStart = pass.clock.now()
            let result = await pass.run(current)
            status?.record(pass: result, at: passStart)
            if result.stopped || pass.shouldStop() { break }
            var sleep = Self.sleepDuration(until: result.nextWake, now: pass.clock.now())
            // With a shared ledger, look at the lease at each renewal: a standby must notice it now leads.
            if let leadership = pass.leadership { sleep = min(sleep, leadership.renewalInterval) }
            logger.debug(
                "sleeping",
                metadata: [
                    "next_wake": "\(result.nextWake.map { $0.iso8601(in: DeliveryPass.utc) } ?? "none")",
                    "seconds": "\(sleep.components.seconds)",
                ]
            )
            _ = notifier.status(Self.statusText(result))
            IdleMemory.trim()
            _ = await wakeup.wait(for: sleep)
        }
    }

    /// The configuration after a reload: the new one, or `current` with every diagnostic logged.
    private func reloaded(_ current: DaemonConfiguration) -> DaemonConfiguration {
        _ = notifier.reloading()
        defer { _ = notifier.ready(status: "running") }
        let result = reload()
        for diagnostic in result.diagnostics {
            if diagnostic.severity == .error {
                logger.error("\(diagnostic.description)")
            } else {
                logger.warning("\(diagnostic.description)")
            }
        }
        guard let configuration = result.configuration else {
            logger.error("reload refused: keeping the last good configuration and templates")
            return current
        }
        logger.notice("reloaded", metadata: ["groups": "\(configuration.config.groups.count)"])
        return configuration
    }

    /// The STATUS= line `systemctl status` shows between passes.
    static func statusText(_ result: DeliveryPass.Result) -> String {
        let next = result.nextWake.map { "next pass \($0.iso8601(in: DeliveryPass.utc))" } ?? "nothing scheduled"
        return "last pass: \(result.sent) sent, \(result.deferred) deferred, \(result.failed) failed, "
            + "\(result.missed) missed; \(next)"
    }

    /// How long to sleep before `nextWake`: never negative, never more than `maximumSleep`.
    package static func sleepDuration(until nextWake: Date?, now: Date) -> Duration {
        guard let nextWake else { return maximumSleep }
        let seconds = nextWake.timeIntervalSince(now)
        guard seconds > 0 else { return .zero }
        // A little past the instant, so the pass that follows sees the mailing as due rather than a microsecond early.
        let padded = Duration.milliseconds(Int64((seconds * 1000).rounded(.up)) + 10)
        return min(padded, maximumSleep)
    }
}

/// A SIGHUP remembered until the loop is ready to act on it.
final class ReloadRequest: Sendable {
    private let pending = Atomic<Bool>(false)

    func set() { pending.store(true, ordering: .sequentiallyConsistent) }

    /// True once per request.
    func take() -> Bool { pending.exchange(false, ordering: .sequentiallyConsistent) }
}

// ServiceLifecycle logs each service at debug level with `\(service)`: without this, the whole configuration and
// every template's text would be printed in one line.
extension DaemonService: CustomStringConvertible {
    package var description: String { "DaemonService" }
}

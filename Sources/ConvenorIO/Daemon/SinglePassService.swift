package import Logging
import Synchronization
import ServiceLifecycle

/// `convenor run --once` as a service: one delivery pass, then done.
///
/// Run inside the same `ServiceGroup` as the daemon so SIGTERM during `--once` (a cron job killed, a deploy) gets
/// the same graceful stop: the pass stops between batches and releases what it claimed but did not attempt.
package struct SinglePassService: Service {
    package let configuration: DaemonConfiguration
    package let pass: DeliveryPass
    package let logger: Logger

    package init(configuration: DaemonConfiguration, pass: DeliveryPass, logger: Logger) {
        self.configuration = configuration
        self.pass = pass
        self.logger = logger
    }

    package func run() async throws {
        let result: DeliveryPass.Result
        if let leadership = pass.leadership, let election = pass.ledger as? any LeaderElection {
            // On a shared ledger, `--once` sends only as the leader: it takes the lease, keeps it renewed while the
            // pass runs (a pass over a large catch-up outlasts one lease; without renewal it fenced itself and
            // left its claims for the daemon), then resigns.
            guard await leadership.takeOnce(election, clock: pass.clock, logger: logger) else { return }
            result = await Self.whileLeading(leadership, election: election, pass: pass) {
                await pass.run(configuration)
            }
        } else {
            result = await pass.run(configuration)
        }
        logger.notice(
            "pass done",
            metadata: [
                "sent": "\(result.sent)", "deferred": "\(result.deferred)", "failed": "\(result.failed)",
                "missed": "\(result.missed)", "stopped": "\(result.stopped)",
            ]
        )
    }
}

extension SinglePassService {
    /// Runs `body` while `leadership` is renewed every `renewalInterval`; resigns when it returns.
    static func whileLeading<T: Sendable>(
        _ leadership: Leadership,
        election: any LeaderElection,
        pass: DeliveryPass,
        _ body: () async -> T
    ) async -> T {
        let finished = Atomic<Bool>(false)
        let wakeup = Wakeup()
        let renewal = Task {
            await leadership.maintain(
                election,
                clock: pass.clock,
                logger: pass.logger,
                // Not `pass.shouldStop`: after SIGTERM the message on the wire is still answered and recorded, and
                // the rest of its window released, as the leader; so the lease is kept until the pass has returned.
                shouldStop: { finished.load(ordering: .acquiring) },
                sleep: { duration in _ = await wakeup.wait(for: duration) }
            )
        }
        let value = await body()
        finished.store(true, ordering: .releasing)
        wakeup.poke()
        // `maintain` resigns on its way out, so the next instance need not wait the lease out.
        await renewal.value
        return value
    }
}

// ServiceLifecycle logs each service at debug level with `\(service)`: without this, the whole configuration and
// every template's text would be printed in one line.
extension SinglePassService: CustomStringConvertible {
    package var description: String { "SinglePassService" }
}

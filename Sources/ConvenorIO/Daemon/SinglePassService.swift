package import Logging
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
        // On a shared ledger, `--once` sends only as the leader: one lease request, the pass, then resign.
        if let leadership = pass.leadership, let election = pass.ledger as? any LeaderElection {
            guard await leadership.takeOnce(election, clock: pass.clock, logger: logger) else { return }
        }
        let result = await pass.run(configuration)
        if let leadership = pass.leadership, let election = pass.ledger as? any LeaderElection {
            await leadership.resign(election, clock: pass.clock, logger: logger)
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

// ServiceLifecycle logs each service at debug level with `\(service)`: without this, the whole configuration and
// every template's text would be printed in one line.
extension SinglePassService: CustomStringConvertible {
    package var description: String { "SinglePassService" }
}

import ConvenorCore
import Foundation
import Logging

extension DeliveryPass {
    /// The pass when the ledger file was deleted or replaced: nothing is sent, the log says so at `error`, and the
    /// operator gets a mail at once and then at most hourly (it cannot be recorded in a ledger that is gone).
    func refuseLostLedger(
        _ watch: LedgerFileWatch,
        problem: String,
        configuration: DaemonConfiguration,
        now: Date
    ) async -> Result {
        logger.error(
            """
            the ledger was \(problem) while convenor was running; nothing is sent until convenor is restarted, \
            because a fresh ledger would send every mailing again
            """,
            metadata: ["path": "\(watch.path)"]
        )
        if watch.alertDue(at: now) {
            let body = """
                convenor stopped sending: its ledger \(watch.path) was \(problem) while it was running.

                The ledger is what stops convenor sending a mailing twice, so nothing more is sent until you restore \
                the ledger (from your backup) and restart convenor (`systemctl restart convenor`). Restarting \
                without it starts an empty ledger, and every mailing still useful is sent again.
                """
            let outcome = await mailOperator(
                subject: "convenor: the ledger was \(problem); sending stopped",
                body: body,
                configuration: configuration,
                now: now
            )
            logger.notice("operator alerted about the ledger", metadata: ["outcome": "\(outcome)"])
        }
        // Look again within the hour: a reload or a restored file is noticed then, and the alert repeats.
        return Result(nextWake: now.addingTimeInterval(3600))
    }
}

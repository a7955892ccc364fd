import ConvenorCore
import Foundation
import Logging

extension DeliveryPass {
    /// The sends that may go now: a list post whose last attempt may have reached the relay waits until the
    /// returns mailbox, read `returns.copy_wait` after that attempt, has not shown the list's copy (see `CopyWait`).
    func holdingResendsForTheListsCopy(
        _ sends: [PlannedSend],
        snapshot: LedgerSnapshot,
        configuration: DaemonConfiguration,
        now: Date,
        result: inout Result
    ) -> [PlannedSend] {
        guard let returns = configuration.config.installation.returns, returns.copyWaitSeconds > 0 else {
            return sends
        }
        let lastPoll = returnsPoll.lastPoll
        return sends.filter { send in
            let row = snapshot[send.mailing.key]
            guard
                let until = CopyWait.holdUntil(
                    row,
                    audience: send.mailing.audience,
                    copyWaitSeconds: returns.copyWaitSeconds,
                    lastPoll: lastPoll,
                    now: now
                )
            else { return true }
            logger.notice(
                "waiting for the list's copy before resending: lists deliver a repeated Message-ID again",
                metadata: Self.metadata(
                    send.mailing.key,
                    state: row?.state,
                    extra: ["until": "\(until.iso8601(in: Self.utc))"]
                )
            )
            result.wake(at: max(until, now.addingTimeInterval(1)))
            return false
        }
    }

    /// Makes this pass read the returns mailbox when a held-back resend's wait is over and the mailbox has not been
    /// read since, so the resend is decided on what the mailbox shows after the wait.
    func readReturnsIfAResendWaits(_ configuration: DaemonConfiguration) async {
        guard let returns = configuration.config.installation.returns, returns.copyWaitSeconds > 0 else { return }
        let now = clock.now()
        let lastPoll = returnsPoll.lastPoll ?? .distantPast
        let rows: [LedgerEntry]
        do {
            rows = try await ledger.entries(state: .claimed) + ledger.entries(state: .deferred)
        } catch {
            return
        }
        let due = rows.contains { row in
            guard
                let deadline = CopyWait.deadline(
                    row,
                    audience: row.key.kind.audience,
                    copyWaitSeconds: returns.copyWaitSeconds
                )
            else { return false }
            return deadline <= now && lastPoll < deadline
        }
        if due { returnsPoll.pollSoon() }
    }
}

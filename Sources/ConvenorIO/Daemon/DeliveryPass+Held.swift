import ConvenorCore
import Foundation
import Logging
import Synchronization

/// The held mailings already logged, so the journal says once (not at every hourly pass of the night) that a late
/// mailing waits for working hours, and when it goes. Shared by every copy of the pass; in memory.
package final class HeldMailLog: Sendable {
    private let logged = Mutex<Set<PlannedWait>>([])

    package init() {}

    /// True the first time `wait` (this mailing, this send instant) is seen.
    func isNew(_ wait: PlannedWait) -> Bool {
        logged.withLock { $0.insert(wait).inserted }
    }
}

extension DeliveryPass {
    /// Logs, once each at notice, the late mail the planner holds for working hours (`LateMailRule`): when it goes
    /// and why not now, so an operator reading the journal at night sees it is waiting, not lost.
    func report(_ waiting: [PlannedWait], installation: Installation, now: Date) {
        let rule = LateMailRule(installation: installation)
        for wait in waiting where heldMail.isNew(wait) {
            logger.notice(
                "held until working hours",
                metadata: Self.metadata(
                    wait.mailing.key,
                    extra: [
                        "goes": "\(Self.utc(wait.until))",
                        "reason": "\(rule.reason(now: now, zone: wait.mailing.timeZone))",
                    ]
                )
            )
        }
    }
}

extension DeliveryPass {
    /// What a new leader leaves to its predecessor for now (`ClaimHold`): the rows still claimed under the
    /// predecessor's token, while the hold lasts. Nil when there is no hold, or the rows cannot be read (then they are
    /// resent as interrupted attempts, as without a hold: a duplicate at worst, never a loss).
    func predecessorsClaims(now: Date) async -> ClaimHold? {
        guard let leadership, let until = leadership.claimsHeldUntil, now < until,
            let token = leadership.predecessorToken, let election = ledger as? any LeaderElection
        else { return nil }
        do {
            return ClaimHold(keys: try await election.claimedKeys(underToken: token), until: until)
        } catch {
            logger.warning(
                "cannot read the previous leader's claims; resending them now",
                metadata: ["error": "\(error)"]
            )
            return nil
        }
    }

    /// Logs, once each at warning, the rows a new leader leaves to its predecessor for now (`ClaimHold`): the
    /// predecessor may be paused mid-send; if it never records the outcome, the row is resent at `until` with the
    /// same Message-ID, and the operator should know why it waited.
    func reportHeldClaims(_ held: [PlannedWait]) {
        for wait in held where heldMail.isNew(wait) {
            logger.warning(
                "left to the previous leader, which may still be sending it; resent then unless it records the outcome",
                metadata: Self.metadata(wait.mailing.key, state: .claimed, extra: ["resent": "\(Self.utc(wait.until))"])
            )
        }
    }
}

package import Foundation

/// Decides when the operator gets the next alert mail about `failed` and `missed` mailings: at most one per hour.
///
/// Each problem row is alerted once (the ledger stamps `alerted_at`); problems that arise within an hour of the last
/// alert wait and go out together, so an outage that fails fifty mailings produces one mail, not fifty.
package struct OperatorAlertPolicy: Hashable, Sendable {
    /// The shortest time between two alert mails.
    package var minimumInterval: TimeInterval

    package init(minimumInterval: TimeInterval = 60 * 60) {
        self.minimumInterval = minimumInterval
    }

    /// What to do about the rows still owed an alert.
    ///
    /// - Parameters:
    ///   - pending: rows in `failed` or `missed` whose `alertedAt` is nil (`LedgerStore.unalertedProblems()`).
    ///   - lastAlert: when the last alert mail went out (`LedgerStore.lastAlertTime()`), nil if never.
    package func decide(pending: [LedgerEntry], lastAlert: Date?, now: Date) -> AlertDecision {
        let owed = pending.filter { $0.state.needsOperator && $0.alertedAt == nil }.sorted { $0.key < $1.key }
        guard !owed.isEmpty else { return .nothingOwed }
        if let lastAlert {
            let allowed = lastAlert.addingTimeInterval(minimumInterval)
            if allowed > now { return .wait(until: allowed) }
        }
        return .sendNow(owed)
    }
}

/// The outcome of `OperatorAlertPolicy.decide(pending:lastAlert:now:)`.
package enum AlertDecision: Hashable, Sendable {
    /// No problem is waiting for an alert.
    case nothingOwed
    /// Send one alert listing these rows, then stamp them with `LedgerStore.markAlerted(keys:at:)`.
    case sendNow([LedgerEntry])
    /// An alert went out less than the interval ago; include this time in the daemon's wake-up.
    case wait(until: Date)
}

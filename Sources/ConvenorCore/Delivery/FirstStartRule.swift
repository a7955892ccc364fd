package import Foundation

/// What a ledger's first start holds back: mail that fell due well before convenor ever ran.
///
/// An operator moving existing groups over starts convenor on a ledger with no rows; without this rule its first
/// pass posts every mailing still valid, however old (month-old minutes, at 22:29). So a mailing with no ledger row
/// that fell due more than `grace` before the first start is skipped: neither sent nor recorded `missed` (it was
/// never convenor's to send, and an alert about it would teach the operator to ignore alerts). The operator can
/// ask for them (`convenor run --catch-up SINCE`, `catch_up_since:`). A mailing already in the ledger, or due
/// after the cut-off, follows the ordinary rules.
package struct FirstStartRule: Hashable, Sendable {
    /// When the ledger first ran (`LedgerReader.firstStart()`).
    package var firstStart: Date
    /// `first_start_grace:` in seconds: mail due within it before the first start still goes out.
    package var grace: TimeInterval
    /// `--catch-up SINCE` or `catch_up_since:`: mail due on or after this day (in its group's zone) is not skipped.
    package var catchUpSince: LocalDate?

    package init(
        firstStart: Date,
        grace: TimeInterval = Installation.defaultFirstStartGrace,
        catchUpSince: LocalDate? = nil
    ) {
        self.firstStart = firstStart
        self.grace = grace
        self.catchUpSince = catchUpSince
    }

    /// Mail due before this instant was due too long before the first start.
    package var cutoff: Date { firstStart.addingTimeInterval(-grace) }

    /// Why `mailing` is skipped, or nil when the ordinary rules decide. `entry` is its ledger row: a mailing the
    /// ledger already holds was convenor's and is never skipped.
    ///
    /// - Parameter wouldMiss: the planner would record it `missed` (stale or superseded).
    func skipReason(_ mailing: Mailing, entry: LedgerEntry?, wouldMiss: Bool) -> SkipReason? {
        guard entry == nil, mailing.due < firstStart else { return nil }
        if wouldMiss { return .staleBeforeFirstStart }
        guard mailing.due < cutoff else { return nil }
        if let catchUpSince, mailing.due >= catchUpSince.startInstant(in: mailing.timeZone) { return nil }
        return .dueBeforeFirstStart
    }
}

/// One mailing a first start holds back, and why (see `FirstStartRule`).
package struct PlannedSkip: Hashable, Sendable {
    package var mailing: Mailing
    package var reason: SkipReason

    package init(mailing: Mailing, reason: SkipReason) {
        self.mailing = mailing
        self.reason = reason
    }
}

/// Why a due mailing with no ledger row is neither sent nor recorded.
package enum SkipReason: Hashable, Sendable {
    /// It fell due more than the grace before the first start, and no catch-up asked for it.
    case dueBeforeFirstStart
    /// It fell due before the first start and was stale (or superseded) by then: convenor never could send it.
    case staleBeforeFirstStart
}

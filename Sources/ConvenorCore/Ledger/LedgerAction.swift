/// What a store must do after one step of `LedgerStateMachine`: nothing, or write one row (and, for a `sent` that
/// announced a meeting, the announced facts) in one transaction.
///
/// The machine decides; the store only persists. A store that cannot hold a transaction open across the decision
/// (PostgreSQL without `SELECT ... FOR UPDATE`, say) writes `.store` as a conditional statement: insert only while
/// no row exists when `write.replacing` is nil, otherwise update only while the stored row still equals
/// `write.replacing`. If the condition fails, another process moved the row first: read it again and let the
/// machine decide again.
package enum LedgerAction: Hashable, Sendable {
    /// Nothing changes: the row stays as it is (or stays absent).
    case none
    /// Write `write.row` in place of `write.replacing`.
    case store(LedgerWrite)
}

/// One row to write, the row it replaces, and what else must be committed with it.
package struct LedgerWrite: Hashable, Sendable {
    /// The row after the step.
    package var row: LedgerEntry
    /// The row the decision was made from; nil when the ledger had no row for the key (an insert).
    package var replacing: LedgerEntry?
    /// The meeting facts a `sent` mailing told the list; stored in the same transaction as the row.
    package var announcing: AnnouncedOccurrence?

    package init(row: LedgerEntry, replacing: LedgerEntry?, announcing: AnnouncedOccurrence? = nil) {
        self.row = row
        self.replacing = replacing
        self.announcing = announcing
    }
}

/// The result of one step: the action for the store and the answer for the caller.
package struct LedgerTransition<Outcome: Sendable>: Sendable {
    package var action: LedgerAction
    package var outcome: Outcome

    package init(_ action: LedgerAction, _ outcome: Outcome) {
        self.action = action
        self.outcome = outcome
    }
}

extension LedgerTransition: Equatable where Outcome: Equatable {}

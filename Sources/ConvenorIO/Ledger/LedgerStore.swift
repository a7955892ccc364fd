package import ConvenorCore
package import Foundation

/// Reads the ledger: what every command, the daemon's planner and the operator alert see.
///
/// Like GRDB's `DatabaseReader`, callers hold `any LedgerReader` (or `any LedgerStore`), never the concrete store,
/// so the SQLite file, the in-memory store tests use and a shared PostgreSQL database are interchangeable.
/// `snapshot()` is the one read a store must provide; the narrower reads default to filtering it, and a store
/// overrides them when it can ask its database instead.
package protocol LedgerReader: Sendable {
    /// Where the rows live, for log lines and `convenor ledger` (a path, a URL without credentials, or empty).
    var location: String { get }

    /// Every row and every announced occurrence, as one consistent value for `DeliveryPlanner`.
    func snapshot() async throws(LedgerError) -> LedgerSnapshot

    /// The row for one key, if any.
    func entry(for key: MailingKey) async throws(LedgerError) -> LedgerEntry?

    /// Rows for `convenor ledger`, optionally of one group and one state, oldest due first.
    func entries(group: String?, state: LedgerState?) async throws(LedgerError) -> [LedgerEntry]

    /// `failed`, `missed`, `held`, `rejected` and `bounced` rows the operator has not been alerted about yet, by key.
    func unalertedProblems() async throws(LedgerError) -> [LedgerEntry]

    /// When the last alert mail went out, for `OperatorAlertPolicy`; nil if never.
    func lastAlertTime() async throws(LedgerError) -> Date?

    /// The facts last announced for an occurrence.
    func announcedOccurrence(_ key: OccurrenceKey) async throws(LedgerError) -> AnnouncedOccurrence?

    /// Every change chairs saved on the web, in number order: the audit trail and the source of `ChairOverlay`.
    func chairChanges() async throws(LedgerError) -> [ChairChange]

    /// When this ledger's daemon first ran (`recordFirstStart`), or nil before its first start.
    ///
    /// The first-start marker is ledger state, not a file beside it, so that two instances sharing one database
    /// agree on it and a fresh database is a first start. `FirstStartRule` (core) decides what it holds back.
    func firstStart() async throws(LedgerError) -> Date?

    /// The number of schema migrations the storage has applied (`convenor ledger` prints it).
    func schemaVersion() async throws(LedgerError) -> Int

    /// Releases the storage (files, connections); further calls throw. Not needed before exit.
    func close() throws(LedgerError)
}

/// Reads and changes the ledger. A store persists; it never decides: every change is one step of
/// `LedgerStateMachine`, run by `transition(_:operation:_:)` against the row as it stands.
///
/// A new store implements `snapshot()`, `entry(for:)`, `schemaVersion()`, `close()`, `transition` and
/// `transitions`. The
/// operations the daemon and the CLI call (`claim`, `record`, `release`, `markMissed`, ...) are written once, in
/// `LedgerStore+Transitions.swift`, on top of `transition`; the rules are in the core.
package protocol LedgerStore: LedgerReader {
    /// Reads the row for `key` (nil when there is none), runs `step` on it, and performs the step's action
    /// atomically: the write and its announced occurrence commit together or not at all, and only if the row is
    /// still the one `step` saw (a store without a held transaction retries the read and the step when another
    /// writer got there first). Returns the step's outcome.
    ///
    /// - Parameter operation: names the change in a `LedgerError` ("claim chess/agenda/2026-11/0").
    func transition<Outcome: Sendable>(
        _ key: MailingKey,
        operation: String,
        _ step: @escaping @Sendable (LedgerEntry?) -> LedgerTransition<Outcome>
    ) async throws(LedgerError) -> Outcome

    /// `transition` for several distinct keys in one atomic write: each step runs against its own row, and every
    /// action commits together or none does. A claim window then costs one durable commit instead of one per
    /// mailing. Returns the steps' outcomes in the keys' order.
    func transitions<Outcome: Sendable>(
        _ keys: [MailingKey],
        operation: String,
        _ step: @escaping @Sendable (Int, LedgerEntry?) -> LedgerTransition<Outcome>
    ) async throws(LedgerError) -> [Outcome]

    /// Appends a chair's change and returns it numbered. `seen` is the number of the latest change of the same
    /// group and occurrence the chair's page showed (nil for none): when another was saved since, nothing is
    /// written and `LedgerError.Reason.staleChairChange` is thrown, so two chairs never overwrite each other
    /// unseen. The number and `at` of `change` are the store's to set; `at` is taken as given.
    func appendChairChange(_ change: ChairChange, seen: Int?) async throws(LedgerError) -> ChairChange

    /// Records `instant` as the ledger's first start unless one is recorded already, and returns the one that
    /// stands. Insert-if-absent in one statement (SQLite `INSERT OR IGNORE`, PostgreSQL `ON CONFLICT DO NOTHING`),
    /// so two instances starting together on one database agree, and a later start never moves it.
    func recordFirstStart(_ instant: Date) async throws(LedgerError) -> Date
}

extension LedgerReader {
    package func entry(for key: MailingKey) async throws(LedgerError) -> LedgerEntry? {
        try await snapshot()[key]
    }

    package func entries(group: String?, state: LedgerState?) async throws(LedgerError) -> [LedgerEntry] {
        try await snapshot().entries.values
            .filter { entry in group.map { entry.key.group == $0 } ?? true }
            .filter { entry in state.map { entry.state == $0 } ?? true }
            .sorted { ($0.due, $0.key) < ($1.due, $1.key) }
    }

    package func unalertedProblems() async throws(LedgerError) -> [LedgerEntry] {
        try await snapshot().entries.values
            .filter { $0.alertedAt == nil && $0.state.needsOperator }
            .sorted { $0.key < $1.key }
    }

    package func lastAlertTime() async throws(LedgerError) -> Date? {
        try await snapshot().entries.values.compactMap(\.alertedAt).max()
    }

    package func announcedOccurrence(_ key: OccurrenceKey) async throws(LedgerError) -> AnnouncedOccurrence? {
        try await snapshot().announced[key]
    }

    /// Every row, oldest due first.
    package func entries() async throws(LedgerError) -> [LedgerEntry] {
        try await entries(group: nil, state: nil)
    }

    /// The rows of one group, oldest due first.
    package func entries(group: String) async throws(LedgerError) -> [LedgerEntry] {
        try await entries(group: group, state: nil)
    }

    /// The rows in one state, oldest due first.
    package func entries(state: LedgerState) async throws(LedgerError) -> [LedgerEntry] {
        try await entries(group: nil, state: state)
    }
}

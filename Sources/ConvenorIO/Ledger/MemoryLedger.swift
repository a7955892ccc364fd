package import ConvenorCore
package import Foundation
import Synchronization

/// A ledger that lives in memory only: the store tests use for the daemon's logic, and the proof that a store
/// is storage only (the rules are `LedgerStateMachine`'s, shared with `SQLiteLedger`).
///
/// A mutex makes each transition atomic, like SQLite's immediate transaction. Nothing survives the process.
package final class MemoryLedger: LedgerStore {
    private struct Rows {
        var entries: [MailingKey: LedgerEntry] = [:]
        var announced: [OccurrenceKey: AnnouncedOccurrence] = [:]
        var chairChanges: [ChairChange] = []
        var firstStart: Date?
        var closed = false
        /// Writes still to fail as if the database did not answer (`failWrites(_:)`).
        var unansweredWrites = 0
    }

    private let rows = Mutex(Rows())
    private let lease = Mutex<LeaderLease?>(nil)

    /// An empty ledger.
    package init() {}

    package var location: String { "" }

    package func snapshot() async throws(LedgerError) -> LedgerSnapshot {
        let rows = try read("snapshot")
        return LedgerSnapshot(entries: rows.entries, announced: rows.announced)
    }

    package func entry(for key: MailingKey) async throws(LedgerError) -> LedgerEntry? {
        try read("read \(key)").entries[key]
    }

    package func schemaVersion() async throws(LedgerError) -> Int {
        // No migrations to apply: it has always been the current schema.
        _ = try read("schema version")
        return SQLiteLedger.currentSchemaVersion
    }

    package func chairChanges() async throws(LedgerError) -> [ChairChange] {
        try read("read chair changes").chairChanges
    }

    package func appendChairChange(_ change: ChairChange, seen: Int?) async throws(LedgerError) -> ChairChange {
        let result: Result<ChairChange, LedgerError> = rows.withLock { rows in
            guard !rows.closed else { return .failure(LedgerError(operation: "save chair change", reason: .closed)) }
            let latest = rows.chairChanges.last { $0.group == change.group && $0.occurrence == change.occurrence }
            if let latest, latest.number != seen {
                return .failure(
                    LedgerError(operation: "save chair change", reason: .staleChairChange(latest: latest.number))
                )
            }
            var saved = change
            saved.number = (rows.chairChanges.last?.number ?? 0) + 1
            rows.chairChanges.append(saved)
            return .success(saved)
        }
        return try result.get()
    }

    package func firstStart() async throws(LedgerError) -> Date? {
        try read("first start").firstStart
    }

    package func recordFirstStart(_ instant: Date) async throws(LedgerError) -> Date {
        let result: Result<Date, LedgerError> = rows.withLock { rows in
            guard !rows.closed else { return .failure(LedgerError(operation: "record first start", reason: .closed)) }
            if rows.firstStart == nil { rows.firstStart = instant }
            return .success(rows.firstStart!)
        }
        return try result.get()
    }

    package func close() throws(LedgerError) {
        rows.withLock { $0.closed = true }
    }

    /// Makes the next `count` writes fail as a shared database that stopped answering does (no SQLSTATE), so tests
    /// see what the daemon does in an outage; nothing is written by a failed one.
    package func failWrites(_ count: Int) {
        rows.withLock { $0.unansweredWrites = count }
    }

    package func transition<Outcome: Sendable>(
        _ key: MailingKey,
        operation: String,
        _ step: @escaping @Sendable (LedgerEntry?) -> LedgerTransition<Outcome>
    ) async throws(LedgerError) -> Outcome {
        let result: Result<Outcome, LedgerError> = rows.withLock { rows in
            if let failure = Self.refusal(operation, &rows) { return .failure(failure) }
            return .success(Self.apply(step(rows.entries[key]), to: &rows))
        }
        return try result.get()
    }

    package func transitions<Outcome: Sendable>(
        _ keys: [MailingKey],
        operation: String,
        _ step: @escaping @Sendable (Int, LedgerEntry?) -> LedgerTransition<Outcome>
    ) async throws(LedgerError) -> [Outcome] {
        precondition(Set(keys).count == keys.count, "one step per key")
        let result: Result<[Outcome], LedgerError> = rows.withLock { rows in
            if let failure = Self.refusal(operation, &rows) { return .failure(failure) }
            // Steps run on a copy, kept only when all have run: all or nothing, as a database transaction.
            var changed = rows
            let outcomes = keys.enumerated().map { index, key in
                Self.apply(step(index, changed.entries[key]), to: &changed)
            }
            rows = changed
            return .success(outcomes)
        }
        return try result.get()
    }

    /// Why a write is refused before it runs (closed, or a test's outage), if it is; an outage counts one write.
    private static func refusal(_ operation: String, _ rows: inout Rows) -> LedgerError? {
        guard !rows.closed else { return LedgerError(operation: operation, reason: .closed) }
        guard rows.unansweredWrites > 0 else { return nil }
        rows.unansweredWrites -= 1
        return LedgerError(
            operation: operation,
            reason: .postgres(sqlState: nil, message: "the database did not answer (a test's outage)")
        )
    }

    private static func apply<Outcome>(_ transition: LedgerTransition<Outcome>, to rows: inout Rows) -> Outcome {
        if case .store(let write) = transition.action {
            rows.entries[write.row.key] = write.row
            if let announcing = write.announcing { rows.announced[announcing.key] = announcing }
        }
        return transition.outcome
    }

    private func read(_ operation: String) throws(LedgerError) -> Rows {
        let rows = rows.withLock { $0 }
        guard !rows.closed else { throw LedgerError(operation: operation, reason: .closed) }
        return rows
    }
}

extension MemoryLedger: LeaderElection {
    package func requestLeadership(instance: String, seconds: Int, now: Date) async throws(LedgerError) -> LeaderLease {
        lease.withLock { current in
            let next = LeaderLease.request(current, by: instance, now: now, seconds: seconds)
            // Like the table: the predecessor's expiry is in the takeover's answer only.
            current = next
            current?.previousExpiresAt = nil
            return next
        }
    }

    package func resignLeadership(instance: String, now: Date) async throws(LedgerError) {
        lease.withLock { current in current = LeaderLease.resign(current, by: instance, now: now) }
    }

    package func currentLeader() async throws(LedgerError) -> LeaderLease? {
        lease.withLock { $0 }
    }

    /// A memory ledger keeps no lease tokens on its rows: every claimed row counts as the predecessor's.
    package func claimedKeys(underToken token: Int) async throws(LedgerError) -> Set<MailingKey> {
        Set(try await snapshot().entries.values.filter { $0.state == .claimed }.map(\.key))
    }
}

package import ConvenorCore
package import Foundation
import GRDB

extension SQLiteLedger: LedgerStore {
    /// Every row and every announced occurrence, as one consistent value for `DeliveryPlanner`.
    package func snapshot() async throws(LedgerError) -> LedgerSnapshot {
        try await read("snapshot") { db in
            let entries = try MailingRecord.fetchAll(db).map(\.entry)
            let announced = try AnnouncedOccurrenceRecord.fetchAll(db).map { record throws in try record.value() }
            return LedgerSnapshot(entries, announced: announced)
        }
    }

    /// The row for one key, if any.
    package func entry(for key: MailingKey) async throws(LedgerError) -> LedgerEntry? {
        try await read("read \(key)") { db in try MailingRecord.find(key, in: db)?.entry }
    }

    /// Rows for `convenor ledger`, optionally of one group and one state, oldest due first.
    package func entries(group: String? = nil, state: LedgerState? = nil) async throws(LedgerError) -> [LedgerEntry] {
        try await read("list") { db in
            var request = MailingRecord.all()
            if let group { request = request.filter(MailingRecord.Columns.group == group) }
            if let state { request = request.filter(MailingRecord.Columns.state == state.rawValue) }
            return try request.fetchAll(db).map(\.entry).sorted { ($0.due, $0.key) < ($1.due, $1.key) }
        }
    }

    /// Rows the operator must hear about (`LedgerState.needsOperator`) and has not been alerted about yet.
    package func unalertedProblems() async throws(LedgerError) -> [LedgerEntry] {
        try await read("unalerted problems") { db in
            try MailingRecord
                .filter(
                    LedgerState.allCases.filter(\.needsOperator).map(\.rawValue).contains(MailingRecord.Columns.state)
                )
                .filter(MailingRecord.Columns.alertedAt == nil)
                .fetchAll(db).map(\.entry).sorted { $0.key < $1.key }
        }
    }

    /// When the last alert mail went out, for `OperatorAlertPolicy`; nil if never.
    package func lastAlertTime() async throws(LedgerError) -> Date? {
        try await read("last alert") { db in
            try Date.fetchOne(db, MailingRecord.select(max(MailingRecord.Columns.alertedAt)))
        }
    }

    /// The facts last announced for an occurrence.
    package func announcedOccurrence(_ key: OccurrenceKey) async throws(LedgerError) -> AnnouncedOccurrence? {
        try await read("read announced \(key)") { db in
            try AnnouncedOccurrenceRecord.fetchOne(db, key: ["group": key.group, "occurrence": key.occurrence])?
                .value()
        }
    }

    package func transition<Outcome: Sendable>(
        _ key: MailingKey,
        operation: String,
        _ step: @escaping @Sendable (LedgerEntry?) -> LedgerTransition<Outcome>
    ) async throws(LedgerError) -> Outcome {
        // One immediate transaction holds the write lock from the read to the commit, so the row `step` sees is the
        // row that gets replaced: no other process can move it in between.
        try await write(operation) { db in
            try Self.apply(step(try MailingRecord.find(key, in: db)?.entry), in: db)
        }
    }

    package func transitions<Outcome: Sendable>(
        _ keys: [MailingKey],
        operation: String,
        _ step: @escaping @Sendable (Int, LedgerEntry?) -> LedgerTransition<Outcome>
    ) async throws(LedgerError) -> [Outcome] {
        precondition(Set(keys).count == keys.count, "one step per key")
        guard !keys.isEmpty else { return [] }
        // The same immediate transaction as `transition`, holding every step: one commit, one fsync.
        return try await write(operation) { db in
            try keys.enumerated().map { index, key in
                try Self.apply(step(index, try MailingRecord.find(key, in: db)?.entry), in: db)
            }
        }
    }

    /// Performs a step's action inside the caller's transaction and returns its outcome.
    private static func apply<Outcome>(_ transition: LedgerTransition<Outcome>, in db: Database) throws -> Outcome {
        guard case .store(let write) = transition.action else { return transition.outcome }
        let record = MailingRecord(write.row)
        if write.replacing == nil { try record.insert(db) } else { try record.update(db) }
        if let announcing = write.announcing { try AnnouncedOccurrenceRecord(announcing).save(db) }
        return transition.outcome
    }
}

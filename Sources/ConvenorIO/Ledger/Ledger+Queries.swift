package import ConvenorCore
package import Foundation
import GRDB

extension Ledger {
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

    /// `failed` and `missed` rows the operator has not been alerted about yet.
    package func unalertedProblems() async throws(LedgerError) -> [LedgerEntry] {
        try await read("unalerted problems") { db in
            try MailingRecord
                .filter(
                    [LedgerState.failed.rawValue, LedgerState.missed.rawValue].contains(MailingRecord.Columns.state)
                )
                .filter(MailingRecord.Columns.alertedAt == nil)
                .fetchAll(db).map(\.entry).sorted { $0.key < $1.key }
        }
    }

    /// Stamps rows as covered by the alert mail sent at `at`; call only after the alert was accepted.
    package func markAlerted(keys: [MailingKey], at instant: Date) async throws(LedgerError) {
        try await write("mark alerted") { db in
            for key in keys {
                guard var record = try MailingRecord.find(key, in: db) else { continue }
                record.alertedAt = instant
                try record.update(db)
            }
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

    /// Stores (inserts or replaces) the facts announced for an occurrence.
    package func putAnnounced(_ value: AnnouncedOccurrence) async throws(LedgerError) {
        try await write("store announced \(value.key)") { db in
            try AnnouncedOccurrenceRecord(value).save(db)
        }
    }
}

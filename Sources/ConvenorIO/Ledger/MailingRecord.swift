import ConvenorCore
import Foundation
import GRDB

/// A row of the `mailing` table. Internal: the rest of convenor sees `LedgerEntry`.
///
/// Dates are stored by GRDB as UTC text (`2026-11-12 13:00:00.000`), which `sqlite3 ledger.sqlite` shows readably.
struct MailingRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "mailing"

    var group: String
    var kind: MailingKind
    var occurrence: String
    var revision: Int
    var state: LedgerState
    var messageID: String?
    var due: Date
    var validUntil: Date
    var attempts: Int
    var firstAttempt: Date?
    var nextAttempt: Date?
    var lastError: String?
    var relayReply: String?
    var createdAt: Date
    var updatedAt: Date
    var sentAt: Date?
    var missedReason: String?
    var alertedAt: Date?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case group, kind, occurrence, revision, state
        case messageID = "message_id"
        case due
        case validUntil = "valid_until"
        case attempts
        case firstAttempt = "first_attempt"
        case nextAttempt = "next_attempt"
        case lastError = "last_error"
        case relayReply = "relay_reply"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case sentAt = "sent_at"
        case missedReason = "missed_reason"
        case alertedAt = "alerted_at"
    }

    typealias Columns = CodingKeys

    /// A fresh `scheduled` row for a mailing the ledger has not seen yet.
    init(mailing: Mailing, now: Date) {
        self.group = mailing.key.group
        self.kind = mailing.key.kind
        self.occurrence = mailing.key.occurrence
        self.revision = mailing.key.revision
        self.state = .scheduled
        self.due = mailing.due
        self.validUntil = mailing.validUntil
        self.attempts = 0
        self.createdAt = now
        self.updatedAt = now
    }

    var key: MailingKey { MailingKey(group: group, kind: kind, occurrence: occurrence, revision: revision) }

    var entry: LedgerEntry {
        LedgerEntry(
            key: key, state: state, messageID: messageID, due: due, validUntil: validUntil, attempts: attempts,
            firstAttempt: firstAttempt, nextAttempt: nextAttempt, lastError: lastError, relayReply: relayReply,
            createdAt: createdAt, updatedAt: updatedAt, sentAt: sentAt, missedReason: missedReason,
            alertedAt: alertedAt)
    }

    /// The row for a key, found through the table's primary key.
    static func find(_ key: MailingKey, in db: Database) throws -> MailingRecord? {
        try MailingRecord.fetchOne(
            db,
            key: [
                "group": key.group, "kind": key.kind.rawValue, "occurrence": key.occurrence,
                "revision": key.revision,
            ])
    }

    /// The row for the mailing, or a new `scheduled` one (not yet saved); due and valid_until follow the schedule.
    static func findOrMake(_ mailing: Mailing, now: Date, in db: Database) throws -> MailingRecord {
        guard var record = try find(mailing.key, in: db) else { return MailingRecord(mailing: mailing, now: now) }
        // The config may have moved the meeting since the row was written; the schedule is the truth.
        record.due = mailing.due
        record.validUntil = mailing.validUntil
        return record
    }
}

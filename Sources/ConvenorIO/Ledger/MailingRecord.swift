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
    var postedTo: String?
    var subject: String?
    var distributedAt: Date?
    var listWords: String?
    var approvalLink: String?
    var bounceStatus: String?
    var bounceDiagnostic: String?
    var chairsAlertedAt: Date?

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
        case postedTo = "posted_to"
        case subject
        case distributedAt = "distributed_at"
        case listWords = "list_words"
        case approvalLink = "approval_link"
        case bounceStatus = "bounce_status"
        case bounceDiagnostic = "bounce_diagnostic"
        case chairsAlertedAt = "chairs_alerted_at"
    }

    typealias Columns = CodingKeys

    /// The row for a ledger entry, column for column.
    init(_ entry: LedgerEntry) {
        self.group = entry.key.group
        self.kind = entry.key.kind
        self.occurrence = entry.key.occurrence
        self.revision = entry.key.revision
        self.state = entry.state
        self.messageID = entry.messageID
        self.due = entry.due
        self.validUntil = entry.validUntil
        self.attempts = entry.attempts
        self.firstAttempt = entry.firstAttempt
        self.nextAttempt = entry.nextAttempt
        self.lastError = entry.lastError
        self.relayReply = entry.relayReply
        self.createdAt = entry.createdAt
        self.updatedAt = entry.updatedAt
        self.sentAt = entry.sentAt
        self.missedReason = entry.missedReason
        self.alertedAt = entry.alertedAt
        self.postedTo = entry.postedTo
        self.subject = entry.subject
        self.distributedAt = entry.distributedAt
        self.listWords = entry.listWords
        self.approvalLink = entry.approvalLink
        self.bounceStatus = entry.bounceStatus
        self.bounceDiagnostic = entry.bounceDiagnostic
        self.chairsAlertedAt = entry.chairsAlertedAt
    }

    var key: MailingKey { MailingKey(group: group, kind: kind, occurrence: occurrence, revision: revision) }

    var entry: LedgerEntry {
        LedgerEntry(
            key: key,
            state: state,
            messageID: messageID,
            due: due,
            validUntil: validUntil,
            attempts: attempts,
            firstAttempt: firstAttempt,
            nextAttempt: nextAttempt,
            lastError: lastError,
            relayReply: relayReply,
            createdAt: createdAt,
            updatedAt: updatedAt,
            sentAt: sentAt,
            missedReason: missedReason,
            alertedAt: alertedAt,
            postedTo: postedTo,
            subject: subject,
            distributedAt: distributedAt,
            listWords: listWords,
            approvalLink: approvalLink,
            bounceStatus: bounceStatus,
            bounceDiagnostic: bounceDiagnostic,
            chairsAlertedAt: chairsAlertedAt
        )
    }

    /// The row for a key, found through the table's primary key.
    ///
    /// Every claim and every record starts here, about twice a mailing in a pass, so the statement is prepared once
    /// per connection and kept (GRDB's statement cache) instead of built from the query interface and compiled by
    /// SQLite each time: that was 15 % of a pass's CPU.
    static func find(_ key: MailingKey, in db: Database) throws -> MailingRecord? {
        let statement = try db.cachedStatement(
            sql: #"SELECT * FROM mailing WHERE "group" = ? AND kind = ? AND occurrence = ? AND revision = ?"#
        )
        return try MailingRecord.fetchOne(
            statement,
            arguments: [key.group, key.kind.rawValue, key.occurrence, key.revision]
        )
    }
}

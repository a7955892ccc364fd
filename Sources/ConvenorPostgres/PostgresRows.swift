import ConvenorCore
import ConvenorIO
import Foundation
import PostgresNIO

/// `LedgerEntry` and `AnnouncedOccurrence` to and from PostgreSQL rows, column for column as in the SQLite store's
/// `MailingRecord` and `AnnouncedOccurrenceRecord`.
enum PostgresRows {
    /// The `mailing` columns a `LedgerEntry` holds, in bind order (`lease_token` is the store's own).
    static let mailingColumns = [
        "\"group\"", "kind", "occurrence", "revision", "state", "message_id", "due", "valid_until", "attempts",
        "first_attempt", "next_attempt", "last_error", "relay_reply", "created_at", "updated_at", "sent_at",
        "missed_reason", "alerted_at", "posted_to", "subject", "distributed_at", "list_words", "approval_link",
        "bounce_status", "bounce_diagnostic", "chairs_alerted_at",
    ]

    static let selectMailing = "SELECT \(mailingColumns.joined(separator: ", ")) FROM mailing"

    /// `$1, $2, ...` for `count` binds starting at `first`.
    static func placeholders(_ count: Int, from first: Int = 1) -> String {
        (first..<(first + count)).map { "$\($0)" }.joined(separator: ", ")
    }

    /// The entry's values in `mailingColumns` order.
    static func binds(_ entry: LedgerEntry) -> PostgresBindings {
        var binds = PostgresBindings(capacity: mailingColumns.count + 1)
        binds.append(entry.key.group)
        binds.append(entry.key.kind.rawValue)
        binds.append(entry.key.occurrence)
        binds.append(entry.key.revision)
        binds.append(entry.state.rawValue)
        binds.append(entry.messageID)
        binds.append(entry.due)
        binds.append(entry.validUntil)
        binds.append(entry.attempts)
        binds.append(entry.firstAttempt)
        binds.append(entry.nextAttempt)
        binds.append(entry.lastError)
        binds.append(entry.relayReply)
        binds.append(entry.createdAt)
        binds.append(entry.updatedAt)
        binds.append(entry.sentAt)
        binds.append(entry.missedReason)
        binds.append(entry.alertedAt)
        binds.append(entry.postedTo)
        binds.append(entry.subject)
        binds.append(entry.distributedAt)
        binds.append(entry.listWords)
        binds.append(entry.approvalLink)
        binds.append(entry.bounceStatus)
        binds.append(entry.bounceDiagnostic)
        binds.append(entry.chairsAlertedAt)
        return binds
    }

    /// A `mailing` row selected with `selectMailing`.
    static func entry(_ row: PostgresRow) throws -> LedgerEntry {
        let cells = row.makeRandomAccess()
        var index = 0
        func next<T: PostgresDecodable>(_ type: T.Type) throws -> T {
            defer { index += 1 }
            return try cells[index].decode(T.self)
        }
        let group = try next(String.self)
        let kindText = try next(String.self)
        let occurrence = try next(String.self)
        let revision = try next(Int.self)
        let stateText = try next(String.self)
        guard let kind = MailingKind(rawValue: kindText) else {
            throw LedgerError(operation: "read", reason: .unreadableRow("unknown mailing kind '\(kindText)'"))
        }
        guard let state = LedgerState(rawValue: stateText) else {
            throw LedgerError(operation: "read", reason: .unreadableRow("unknown state '\(stateText)'"))
        }
        return LedgerEntry(
            key: MailingKey(group: group, kind: kind, occurrence: occurrence, revision: revision),
            state: state,
            messageID: try next(String?.self),
            due: try next(Date.self),
            validUntil: try next(Date.self),
            attempts: try next(Int.self),
            firstAttempt: try next(Date?.self),
            nextAttempt: try next(Date?.self),
            lastError: try next(String?.self),
            relayReply: try next(String?.self),
            createdAt: try next(Date.self),
            updatedAt: try next(Date.self),
            sentAt: try next(Date?.self),
            missedReason: try next(String?.self),
            alertedAt: try next(Date?.self),
            postedTo: try next(String?.self),
            subject: try next(String?.self),
            distributedAt: try next(Date?.self),
            listWords: try next(String?.self),
            approvalLink: try next(String?.self),
            bounceStatus: try next(String?.self),
            bounceDiagnostic: try next(String?.self),
            chairsAlertedAt: try next(Date?.self)
        )
    }

    static let selectAnnounced = """
        SELECT "group", occurrence, start_local, start_utc, length_minutes, place_online, place_venue, sequence, uid,
            updated_at FROM announced_occurrence
        """

    static func announced(_ row: PostgresRow) throws -> AnnouncedOccurrence {
        let (group, occurrence, startLocal, startUTC, length, online, venue, sequence, uid, updated) = try row.decode(
            (String, String, String, Date, Int, String?, String?, Int, String, Date).self
        )
        return try AnnouncedOccurrence.stored(
            group: group,
            occurrence: occurrence,
            startLocal: startLocal,
            startUTC: startUTC,
            lengthMinutes: length,
            placeOnline: online,
            placeVenue: venue,
            sequence: sequence,
            uid: uid,
            updatedAt: updated
        )
    }

    /// Inserts or replaces what the list was last told about one meeting.
    static func saveAnnounced(_ value: AnnouncedOccurrence, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            INSERT INTO announced_occurrence ("group", occurrence, start_local, start_utc, length_minutes,
                place_online, place_venue, sequence, uid, updated_at)
            VALUES (\(value.group), \(value.occurrence), \(value.start.description), \(value.startInstant),
                \(value.lengthMinutes), \(value.place.online), \(value.place.venue), \(value.sequence),
                \(value.uid), \(value.updatedAt))
            ON CONFLICT ("group", occurrence) DO UPDATE SET start_local = EXCLUDED.start_local,
                start_utc = EXCLUDED.start_utc, length_minutes = EXCLUDED.length_minutes,
                place_online = EXCLUDED.place_online, place_venue = EXCLUDED.place_venue,
                sequence = EXCLUDED.sequence, uid = EXCLUDED.uid, updated_at = EXCLUDED.updated_at
            """,
            logger: PostgresLedger.silent
        )
    }
}

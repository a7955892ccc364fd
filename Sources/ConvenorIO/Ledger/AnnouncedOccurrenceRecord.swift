package import ConvenorCore
package import Foundation
import GRDB

/// A row of the `announced_occurrence` table: what the list was last told about one meeting.
struct AnnouncedOccurrenceRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "announced_occurrence"

    var group: String
    var occurrence: String
    /// Wall time as `YYYY-MM-DD HH:MM` in the group's zone.
    var startLocal: String
    var startUTC: Date
    var lengthMinutes: Int
    var placeOnline: String?
    var placeVenue: String?
    var sequence: Int
    var uid: String
    var updatedAt: Date

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case group, occurrence
        case startLocal = "start_local"
        case startUTC = "start_utc"
        case lengthMinutes = "length_minutes"
        case placeOnline = "place_online"
        case placeVenue = "place_venue"
        case sequence, uid
        case updatedAt = "updated_at"
    }

    init(_ value: AnnouncedOccurrence) {
        self.group = value.group
        self.occurrence = value.occurrence
        self.startLocal = value.start.description
        self.startUTC = value.startInstant
        self.lengthMinutes = value.lengthMinutes
        self.placeOnline = value.place.online
        self.placeVenue = value.place.venue
        self.sequence = value.sequence
        self.uid = value.uid
        self.updatedAt = value.updatedAt
    }

    func value() throws(LedgerError) -> AnnouncedOccurrence {
        try AnnouncedOccurrence.stored(
            group: group,
            occurrence: occurrence,
            startLocal: startLocal,
            startUTC: startUTC,
            lengthMinutes: lengthMinutes,
            placeOnline: placeOnline,
            placeVenue: placeVenue,
            sequence: sequence,
            uid: uid,
            updatedAt: updatedAt
        )
    }
}

extension AnnouncedOccurrence {
    /// An `announced_occurrence` row's columns as the value, for every store (SQLite here, PostgreSQL's rows too).
    package static func stored(
        group: String,
        occurrence: String,
        startLocal: String,
        startUTC: Date,
        lengthMinutes: Int,
        placeOnline: String?,
        placeVenue: String?,
        sequence: Int,
        uid: String,
        updatedAt: Date
    ) throws(LedgerError) -> AnnouncedOccurrence {
        guard let start = LocalDateTime(text: startLocal) else {
            throw LedgerError(
                operation: "read announced occurrence",
                reason: .unreadableRow("start_local '\(startLocal)' of \(group)/\(occurrence) is not a date and time")
            )
        }
        return AnnouncedOccurrence(
            group: group,
            occurrence: occurrence,
            start: start,
            startInstant: startUTC,
            lengthMinutes: lengthMinutes,
            place: Place(online: placeOnline, venue: placeVenue),
            sequence: sequence,
            uid: uid,
            updatedAt: updatedAt
        )
    }
}

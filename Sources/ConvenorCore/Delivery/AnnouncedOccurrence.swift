package import Foundation

/// Names one occurrence of a group: a meeting window's first month (`2026-10`) or an extra meeting's date.
package struct OccurrenceKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    package var group: String
    package var occurrence: String

    package init(group: String, occurrence: String) {
        self.group = group
        self.occurrence = occurrence
    }

    /// The occurrence a mailing belongs to.
    package init(_ key: MailingKey) {
        self.init(group: key.group, occurrence: key.occurrence)
    }

    package var description: String { "\(group)/\(occurrence)" }

    package static func < (lhs: OccurrenceKey, rhs: OccurrenceKey) -> Bool {
        (lhs.group, lhs.occurrence) < (rhs.group, rhs.occurrence)
    }
}

/// The facts of a meeting as the list was last told them (by an announcement or a rescheduled notice).
///
/// The lifecycle issue compares these with the current config: a changed start, length or place means a
/// `rescheduled` notice with `sequence + 1` under the same `uid`, so calendar clients update the event in place
/// (RFC 5545 §3.8.7.4 SEQUENCE).
package struct AnnouncedOccurrence: Hashable, Sendable {
    package var group: String
    package var occurrence: String
    /// Wall time in the group's zone, as chairs wrote it.
    package var start: LocalDateTime
    /// The instant it resolved to when announced; a zone-rule change shows up as a difference here.
    package var startInstant: Date
    package var lengthMinutes: Int
    package var place: Place
    /// The iCalendar SEQUENCE last sent.
    package var sequence: Int
    /// The iCalendar UID, stable for the occurrence.
    package var uid: String
    package var updatedAt: Date

    package init(
        group: String,
        occurrence: String,
        start: LocalDateTime,
        startInstant: Date,
        lengthMinutes: Int,
        place: Place,
        sequence: Int,
        uid: String,
        updatedAt: Date
    ) {
        self.group = group
        self.occurrence = occurrence
        self.start = start
        self.startInstant = startInstant
        self.lengthMinutes = lengthMinutes
        self.place = place
        self.sequence = sequence
        self.uid = uid
        self.updatedAt = updatedAt
    }

    package var key: OccurrenceKey { OccurrenceKey(group: group, occurrence: occurrence) }
}

package import Foundation

/// One meeting as an iCalendar VEVENT: the values, before `ICalendarWriter` turns them into text.
package struct CalendarEvent: Hashable, Sendable {
    /// RFC 5545 §3.8.1.11 STATUS values convenor uses.
    package enum Status: String, Hashable, Sendable {
        case confirmed = "CONFIRMED"
        case cancelled = "CANCELLED"
    }

    /// Stable for the meeting's whole life (`ICalendarUID.make(group:occurrence:domain:)`).
    package var uid: String
    /// Raised on every change of date, time, length or place, and for a cancellation, so calendars update.
    package var sequence: Int
    /// CANCELLED together with a higher `sequence` removes the meeting from calendars that had it.
    package var status: Status
    /// The instant the meeting starts.
    package var start: Date
    /// The instant it ends.
    package var end: Date
    /// The group's zone: DTSTART and DTEND are written as wall times in it, with a VTIMEZONE.
    package var timeZone: TimeZone
    /// The title calendars show.
    package var summary: String
    /// Free text: date, time, zone and join link again, agenda items; line breaks are kept.
    package var description: String
    /// The venue, written as LOCATION.
    package var location: String?
    /// The join link, written as URL.
    package var url: String?
    /// When the calendar object was made (DTSTAMP, in UTC); an input because the core reads no clock.
    package var stamp: Date
    /// Written as ORGANIZER with CN; optional because METHOD:PUBLISH does not require it.
    package var organizer: MailAddress?

    package init(
        uid: String,
        sequence: Int = 0,
        status: Status = .confirmed,
        start: Date,
        end: Date,
        timeZone: TimeZone,
        summary: String,
        description: String,
        location: String? = nil,
        url: String? = nil,
        stamp: Date,
        organizer: MailAddress? = nil
    ) {
        self.uid = uid
        self.sequence = sequence
        self.status = status
        self.start = start
        self.end = end
        self.timeZone = timeZone
        self.summary = summary
        self.description = description
        self.location = location
        self.url = url
        self.stamp = stamp
        self.organizer = organizer
    }
}

/// UIDs that stay the same for a meeting however often its date, time or place changes.
package enum ICalendarUID {
    /// `convenor.customer-services-cop.2026-10@aln.example.org`: the group and the occurrence key (the window's first
    /// month or an extra meeting's date), escaped like Message-ID parts.
    package static func make(group: String, occurrence: String, domain: String) -> String {
        "convenor.\(MessageID.part(group)).\(MessageID.part(occurrence))@" + MessageID.rightSide(domain)
    }
}

import Foundation

/// Writes RFC 5545 calendar objects for `METHOD:PUBLISH`: one meeting for a mail, or many for the feed.
///
/// Times are written as wall times with `TZID=<zone identifier>` and a VTIMEZONE built from Foundation's zone rules,
/// because wall times are what chairs chose and what must survive clock changes. A UTC zone is written in UTC form
/// instead. Lines end in CRLF and are folded at 75 octets.
package enum ICalendarWriter {
    /// A VCALENDAR with every event, and one VTIMEZONE per zone used (ordered by identifier).
    ///
    /// - Parameters:
    ///   - productID: PRODID, e.g. `-//convenor//convenor 1.0//EN`.
    ///   - calendarName: `X-WR-CALNAME`, the name a subscribed feed shows in calendar apps; nil for a mail's calendar.
    package static func publish(events: [CalendarEvent], productID: String, calendarName: String? = nil) -> String {
        var lines: [String] = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + ICalendarText.escape(productID), "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
        ]
        if let calendarName { lines.append("X-WR-CALNAME:" + ICalendarText.escape(calendarName)) }
        var zones: [String: (zone: TimeZone, first: Date, last: Date)] = [:]
        for event in events where !event.timeZone.isUTC {
            let key = event.timeZone.identifier
            let first = min(zones[key]?.first ?? event.start, event.start)
            let last = max(zones[key]?.last ?? event.end, event.end)
            zones[key] = (event.timeZone, first, last)
        }
        for key in zones.keys.sorted() {
            let entry = zones[key]!
            lines += VTimeZone.lines(for: entry.zone, from: entry.first, through: entry.last)
        }
        for event in events { lines += eventLines(event) }
        lines.append("END:VCALENDAR")
        return lines.map(ICalendarText.fold).joined()
    }

    static func eventLines(_ event: CalendarEvent) -> [String] {
        var lines = [
            "BEGIN:VEVENT",
            "UID:" + ICalendarText.escape(event.uid),
            "DTSTAMP:" + utc(event.stamp),
            "DTSTART" + dateTime(event.start, in: event.timeZone),
            "DTEND" + dateTime(event.end, in: event.timeZone),
            "SEQUENCE:\(max(event.sequence, 0))",
            "STATUS:" + event.status.rawValue,
            "SUMMARY:" + ICalendarText.escape(event.summary),
            "DESCRIPTION:" + ICalendarText.escape(event.description),
        ]
        if let location = event.location { lines.append("LOCATION:" + ICalendarText.escape(location)) }
        if let url = event.url { lines.append("URL:" + ICalendarText.uri(url)) }
        if let organizer = event.organizer {
            let name = HeaderText.sanitise(organizer.displayName ?? "")
            let parameter = name.isEmpty ? "" : ";CN=" + ICalendarText.parameterValue(name)
            lines.append("ORGANIZER\(parameter):mailto:" + ICalendarText.uri(organizer.address))
        }
        lines.append("END:VEVENT")
        return lines
    }

    /// `;TZID=Europe/London:20261112T140000`, or `:20261112T140000Z` for UTC zones and for the second pass through
    /// an hour that a clock change repeats (RFC 5545 §3.3.5 resolves a repeated wall time to its first occurrence).
    static func dateTime(_ instant: Date, in zone: TimeZone) -> String {
        if zone.isUTC { return ":" + utc(instant) }
        let offset = zone.secondsFromGMT(for: instant)
        let wall = ClockReading(instant: instant, offsetSeconds: offset)
        let wallSeconds = instant.timeIntervalSince1970.rounded(.down) + Double(offset)
        let candidateOffsets = Set(
            [-86_400.0, 86_400].map { zone.secondsFromGMT(for: instant.addingTimeInterval($0)) }
        )
        let earlier = candidateOffsets.map { Date(timeIntervalSince1970: wallSeconds - Double($0)) }
            .filter { $0 < instant && zone.secondsFromGMT(for: $0) == Int(wallSeconds - $0.timeIntervalSince1970) }
        if !earlier.isEmpty { return ":" + utc(instant) }
        return ";TZID=\(zone.identifier):" + local(wall)
    }

    /// `20261124T090000Z`.
    static func utc(_ instant: Date) -> String {
        local(ClockReading(instant: instant, offsetSeconds: 0)) + "Z"
    }

    /// `20261112T140000`.
    static func local(_ wall: ClockReading) -> String {
        RFC5322Date.pad(wall.date.year, 4) + RFC5322Date.pad(wall.date.month, 2) + RFC5322Date.pad(wall.date.day, 2)
            + "T" + RFC5322Date.pad(wall.hour, 2) + RFC5322Date.pad(wall.minute, 2) + RFC5322Date.pad(wall.second, 2)
    }
}

package import Foundation

extension CalendarEvent {
    /// The VEVENT for one of a group's meetings, as announcement, agenda, rescheduled and cancelled mail carry it.
    ///
    /// The description repeats the join link, venue and agenda, because some calendar apps show nothing else.
    ///
    /// - Parameters:
    ///   - occurrence: the mailing key's occurrence (`2026-10`), which keeps the UID stable when the date moves.
    ///   - domain: the From address's domain.
    ///   - sequence: 0, raised by the lifecycle issue on every change of date, time, length or place.
    ///   - cancelled: writes `STATUS:CANCELLED` and puts "Cancelled: " before the summary.
    ///   - stamp: DTSTAMP, the time the calendar object is made (an input: the core reads no clock).
    package init(
        meeting: ScheduledMeeting,
        group: Group,
        occurrence: String,
        domain: String,
        sequence: Int = 0,
        cancelled: Bool = false,
        stamp: Date,
        organizer: MailAddress? = nil
    ) {
        var lines = ["\(group.name) (\(group.type.rawValue), \(group.network))"]
        if let online = meeting.place.online { lines.append("Join: \(online)") }
        if let venue = meeting.place.venue { lines.append("Venue: \(venue)") }
        if !meeting.agenda.isEmpty {
            lines.append("")
            lines.append("Agenda:")
            for (index, item) in meeting.agenda.enumerated() { lines.append("\(index + 1). \(item)") }
        }
        self.init(
            uid: ICalendarUID.make(group: group.id, occurrence: occurrence, domain: domain),
            sequence: sequence,
            status: cancelled ? .cancelled : .confirmed,
            start: meeting.startInstant,
            end: meeting.endInstant,
            timeZone: group.timeZone,
            summary: (cancelled ? "Cancelled: " : "") + "\(group.name) meeting",
            description: lines.joined(separator: "\n"),
            location: meeting.place.venue,
            url: meeting.place.online,
            stamp: stamp,
            organizer: organizer
        )
    }
}

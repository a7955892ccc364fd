package import Foundation

/// The subscribable calendar of `convenor calendar`: every meeting in the config as one `METHOD:PUBLISH` object.
///
/// Each event has the UID and SEQUENCE the meeting's mails carry (`ICalendarUID.make(group:occurrence:domain:)` with
/// the installation's From domain), so a member who subscribes and also opens a mail's `.ics` sees one event, and a
/// cancelled meeting stays in the feed with `STATUS:CANCELLED` so subscribed calendars remove it.
package struct CalendarFeed: Sendable {
    package var config: Config
    /// The SEQUENCE last sent for each occurrence (the ledger's announced facts); an occurrence not listed has 0.
    package var sequences: [OccurrenceKey: Int]
    /// When set, only these occurrences are in the feed: the web's public feed carries announced meetings only.
    package var only: Set<OccurrenceKey>?

    package init(config: Config, sequences: [OccurrenceKey: Int] = [:]) {
        self.config = config
        self.sequences = sequences
    }

    /// A feed whose SEQUENCEs are the ones last sent to the lists, as the ledger's announced facts record them.
    package init(config: Config, announced: [AnnouncedOccurrence]) {
        var sequences: [OccurrenceKey: Int] = [:]
        for fact in announced {
            let key = OccurrenceKey(group: fact.group, occurrence: fact.occurrence)
            sequences[key] = max(sequences[key] ?? 0, fact.sequence)
        }
        self.init(config: config, sequences: sequences)
    }

    /// The events of `groupID`'s meetings, or of every group's, in start order (group id, then UID on a tie).
    /// - Parameter stamp: DTSTAMP, the moment the feed is written (an input: the core reads no clock).
    package func events(group groupID: String? = nil, stamp: Date) -> [CalendarEvent] {
        let installation = config.installation
        let groups = config.groups.filter { groupID == nil || $0.id == groupID }
        let events = groups.flatMap { group in
            group.meetingOccurrences.filter {
                only?.contains(OccurrenceKey(group: group.id, occurrence: $0.occurrence)) ?? true
            }.map { occurrence in
                CalendarEvent(
                    meeting: occurrence.scheduled,
                    group: group,
                    occurrence: occurrence.occurrence,
                    domain: installation.from.domain,
                    sequence: sequences[OccurrenceKey(group: group.id, occurrence: occurrence.occurrence)] ?? 0,
                    cancelled: occurrence.meeting.cancelled,
                    stamp: stamp,
                    organizer: installation.from
                )
            }
        }
        return events.sorted { ($0.start, $0.uid) < ($1.start, $1.uid) }
    }

    /// The name calendar apps show for the subscription: the group's name, or the network's for every group.
    package func name(group groupID: String? = nil) -> String {
        groupID.flatMap { config.group(id: $0)?.name } ?? config.installation.network
    }

    /// The whole iCalendar text (CRLF line ends), ready to write to a `.ics` file.
    package func text(group groupID: String? = nil, stamp: Date) -> String {
        ICalendarWriter.publish(
            events: events(group: groupID, stamp: stamp),
            productID: MailingAssembler.productID,
            calendarName: name(group: groupID)
        )
    }
}

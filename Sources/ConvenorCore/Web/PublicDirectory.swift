package import Foundation

/// What the public directory and a group's public page may show: only what the list has already been told.
///
/// Pure: the config, the ledger's announced facts and the clock in, values out. A meeting is public once the ledger
/// records it announced (an announcement, agenda or change notice went to the list); a confirmed date the list
/// has not heard of yet, and every unconfirmed window, stay off the public pages and feeds. Chairs' addresses and
/// the minutes archive appear only where the group opted in (`web: {show_addresses: true, publish_minutes: true}`).
package struct PublicDirectory: Sendable {
    package var config: Config
    package var snapshot: LedgerSnapshot
    /// Minutes files that exist now (absolute paths), for the archive.
    package var existingMinutes: Set<String>
    package var now: Date

    package init(config: Config, snapshot: LedgerSnapshot, existingMinutes: Set<String> = [], now: Date) {
        self.config = config
        self.snapshot = snapshot
        self.existingMinutes = existingMinutes
        self.now = now
    }

    /// Every group, sorted by name.
    package var groups: [PublicGroup] {
        config.groups.map(group).sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
    }

    /// One group's public view, nil for an unknown id.
    package func group(id: String) -> PublicGroup? { config.group(id: id).map(group) }

    /// The occurrences the list has been told about: the only ones a public feed may carry.
    package func isPublic(group: String, occurrence: String) -> Bool {
        snapshot.announced[OccurrenceKey(group: group, occurrence: occurrence)] != nil
    }

    func group(_ group: Group) -> PublicGroup {
        let meetings = group.meetingOccurrences.filter { isPublic(group: group.id, occurrence: $0.occurrence) }
        let range = YearOverview.defaultRange(now: now, in: group.timeZone)
        // "This year": from the start of the academic year (September) before now to twelve months after it.
        let today = LocalDate(instant: now, in: group.timeZone)
        let yearStart = LocalDate(year: today.month >= 9 ? today.year : today.year - 1, month: 9, day: 1)!
        let yearEnd = max(yearStart.adding(months: 12), range.lastDay.adding(days: 1))
        let thisYear = meetings.filter { $0.meeting.start.date >= yearStart && $0.meeting.start.date < yearEnd }
        let next = meetings.first { !$0.meeting.cancelled && $0.endInstant > now }
        let minutes: [PublicMinutes] =
            group.listing.publishMinutes
            ? meetings.filter { $0.endInstant <= now && !$0.meeting.cancelled }.compactMap { occurrence in
                guard let path = occurrence.meeting.minutesPath, existingMinutes.contains(path) else { return nil }
                return PublicMinutes(
                    occurrence: occurrence.occurrence,
                    title: "Minutes of \(occurrence.meeting.start.date.mediumText)",
                    path: path
                )
            }.reversed() : []
        return PublicGroup(
            id: group.id,
            name: group.name,
            type: group.type,
            network: group.network,
            remit: group.remit,
            chairs: group.chairs.map {
                PublicPerson(
                    name: $0.name,
                    institution: $0.institution,
                    email: group.listing.showAddresses ? $0.email : nil
                )
            },
            join: JoinInstructions(list: group.list),
            nextMeeting: next.map { PublicMeeting($0, in: group) },
            meetings: thisYear.map { PublicMeeting($0, in: group) },
            minutes: minutes
        )
    }
}

/// A group as the public sees it.
package struct PublicGroup: Hashable, Sendable {
    package var id: String
    package var name: String
    package var type: GroupType
    package var network: String
    package var remit: String
    package var chairs: [PublicPerson]
    package var join: JoinInstructions
    /// The next announced meeting that has not ended and is not cancelled.
    package var nextMeeting: PublicMeeting?
    /// This academic year's announced meetings, cancelled ones marked.
    package var meetings: [PublicMeeting]
    /// Published minutes, newest first (empty unless the group opted in).
    package var minutes: [PublicMinutes]

    /// "Special Interest Group" or "Community of Practice".
    package var typeName: String { type == .sig ? "Special Interest Group" : "Community of Practice" }
}

/// A chair on the public page: name and institution; the address only where the group opted in.
package struct PublicPerson: Hashable, Sendable {
    package var name: String
    package var institution: String?
    package var email: String?
}

/// An announced meeting, in the group's zone.
package struct PublicMeeting: Hashable, Sendable {
    package var occurrence: String
    /// `Wed 10 Feb 2027, 14:00–15:30 GMT`.
    package var when: String
    /// The start as RFC 3339 UTC, for `<time datetime=...>`.
    package var startISO: String
    /// `Online` or the venue. The join link is not shown publicly: it goes to the list.
    package var place: String
    package var cancelled: Bool
    package var reason: String?

    init(_ occurrence: MeetingOccurrence, in group: Group) {
        let zone = group.timeZone
        let scheduled = occurrence.scheduled
        let end = LocalDateTime(instant: scheduled.endInstant, in: zone)
        self.occurrence = occurrence.occurrence
        self.when =
            "\(scheduled.start.date.mediumText), \(scheduled.start.time)–\(end.time) "
            + zone.readableAbbreviation(for: scheduled.startInstant)
        self.startISO = scheduled.startInstant.iso8601(in: TimeZone(identifier: "UTC")!)
        let place = scheduled.place
        self.place = [place.venue, place.online == nil ? nil : "Online"].compactMap { $0 }.joined(separator: " and ")
        self.cancelled = occurrence.meeting.cancelled
        self.reason = occurrence.meeting.cancellationReason
    }
}

/// One published minutes file.
package struct PublicMinutes: Hashable, Sendable {
    package var occurrence: String
    package var title: String
    /// Absolute path of the file (read by the IO layer, never shown).
    package var path: String
}

/// How to join a group's list, worked out from its posting address.
package struct JoinInstructions: Hashable, Sendable {
    /// Plain words.
    package var text: String
    /// The list's own sign-up page, when the list server is one convenor knows.
    package var url: String?

    package init(list: String) {
        let parts = list.split(separator: "@", maxSplits: 1).map(String.init)
        let local = parts.first ?? list
        let domain = parts.count > 1 ? parts[1].lowercased() : ""
        // Only list names made of safe characters go into a URL; anything else gets words only.
        let safe = local.allSatisfy {
            $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".")
        }
        if domain == "jiscmail.ac.uk", safe {
            text = "Join the \(local.uppercased()) list at JISCMail."
            url = "https://www.jiscmail.ac.uk/cgi-bin/wa-jisc.exe?A0=\(local.uppercased())"
        } else if domain == "googlegroups.com", safe {
            text = "Ask to join the \(local) Google Group."
            url = "https://groups.google.com/g/\(local.lowercased())"
        } else {
            text = "Ask the chairs to add you to the group's list."
            url = nil
        }
    }
}

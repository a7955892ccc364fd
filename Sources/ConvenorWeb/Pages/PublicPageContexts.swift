import ConvenorCore

/// The typed context of the directory page (`/`).
struct DirectoryPageContext: Sendable {
    struct Card: Sendable {
        var id: String
        var name: String
        var typeName: String
        var typeCode: String
        var remit: String
        var chairsText: String
        var nextMeeting: MeetingRow?
        var joinText: String
        var joinURL: String?
    }

    var network: String
    var countText: String
    var groups: [Card]

    init(network: String, groups: [PublicGroup]) {
        self.network = network
        self.countText = groups.count == 1 ? "1 group" : "\(groups.count) groups"
        self.groups = groups.map { group in
            Card(
                id: group.id,
                name: group.name,
                typeName: group.typeName,
                typeCode: group.type.rawValue,
                remit: group.remit,
                chairsText: group.chairs.map { chair in chair.institution.map { "\(chair.name) (\($0))" } ?? chair.name
                }
                .joined(separator: "; "),
                nextMeeting: group.nextMeeting.map(MeetingRow.init),
                joinText: group.join.text,
                joinURL: group.join.url
            )
        }
    }
}

/// One meeting as a row of a public page.
struct MeetingRow: Sendable {
    var when: String
    var startISO: String
    var place: String
    var status: String

    init(_ meeting: PublicMeeting) {
        when = meeting.when
        startISO = meeting.startISO
        place = meeting.place.isEmpty ? "To be announced" : meeting.place
        status = meeting.cancelled ? "Cancelled" + (meeting.reason.map { ": \($0)" } ?? "") : "Planned"
    }
}

/// The typed context of a group's public page (`/groups/ID`).
struct GroupPageContext: Sendable {
    struct Chair: Sendable {
        var name: String
        var institution: String?
        var email: String?
    }

    struct Minutes: Sendable {
        var occurrence: String
        var title: String
    }

    var network: String
    var id: String
    var name: String
    var typeName: String
    var typeCode: String
    var groupNetwork: String
    var remit: String
    var chairs: [Chair]
    var joinText: String
    var joinURL: String?
    var hasMeetings: Bool
    var meetings: [MeetingRow]
    var hasMinutes: Bool
    var minutes: [Minutes]

    init(network: String, group: PublicGroup) {
        self.network = network
        id = group.id
        name = group.name
        typeName = group.typeName
        typeCode = group.type.rawValue
        groupNetwork = group.network
        remit = group.remit
        chairs = group.chairs.map { Chair(name: $0.name, institution: $0.institution, email: $0.email) }
        joinText = group.join.text
        joinURL = group.join.url
        meetings = group.meetings.map(MeetingRow.init)
        hasMeetings = !meetings.isEmpty
        minutes = group.minutes.map { Minutes(occurrence: $0.occurrence, title: $0.title) }
        hasMinutes = !minutes.isEmpty
    }
}

/// A page that only says something: not found, refused, "check your mail".
struct MessagePageContext: Sendable {
    var network: String
    var heading: String
    var paragraphs: [String]
    var linkHref: String?
    var linkText: String?
}

/// `/signin`.
struct SignInPageContext: Sendable {
    var network: String
    var csrf: String
    var problem: String?
}

/// `/signin/TOKEN`: one button.
struct SignInConfirmContext: Sendable {
    var network: String
    var csrf: String
    var action: String
}

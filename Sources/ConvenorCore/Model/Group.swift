package import Foundation

/// A person named in a group's terms of reference.
package struct Person: Hashable, Sendable {
    package var name: String
    package var email: String
    package var institution: String?

    package init(name: String, email: String, institution: String? = nil) {
        self.name = name
        self.email = email
        self.institution = institution
    }
}

/// Special Interest Group or Community of Practice, as in the terms of reference.
package enum GroupType: String, Hashable, Sendable, CaseIterable {
    case sig = "SIG"
    case cop = "CoP"
}

/// Where a meeting happens: a join link, a room, or both.
package struct Place: Hashable, Sendable {
    /// Join link for an online meeting.
    package var online: String?
    /// Free text such as "Room 1, Parkinson Building, University of Leeds".
    package var venue: String?

    package init(online: String? = nil, venue: String? = nil) {
        self.online = online
        self.venue = venue
    }
}

/// When a group meets, from its terms of reference ("online 3 times a year: October/November, February, June").
package struct Cadence: Hashable, Sendable {
    package var windows: [MonthWindow]
    /// Candidate dates offered to chairs for an unconfirmed window; nil means none are proposed.
    package var propose: ProposeRule?
    /// Default meeting length in minutes.
    package var lengthMinutes: Int
    /// Default place of a meeting.
    package var place: Place

    package init(windows: [MonthWindow], propose: ProposeRule?, lengthMinutes: Int, place: Place) {
        self.windows = windows
        self.propose = propose
        self.lengthMinutes = lengthMinutes
        self.place = place
    }
}

/// A confirmed meeting from `meetings:`. Length and place are already resolved against the cadence.
package struct Meeting: Hashable, Sendable {
    /// Local wall time in the group's zone.
    package var start: LocalDateTime
    package var lengthMinutes: Int
    package var place: Place
    package var agenda: [String]
    /// Absolute path of the minutes file, whether or not it exists yet.
    package var minutesPath: String?
    /// Where `minutes:` is written, so the IO layer's path check (`PathConfinement`) can point at the very line.
    package var minutesLocation: SourceLocation?
    /// The chairs called it off (`cancelled: true`); the lifecycle issue sends the notice.
    package var cancelled: Bool
    package var cancellationReason: String?
    /// Where the entry starts in its group file, so later checks can point at it.
    package var location: SourceLocation

    package init(
        start: LocalDateTime,
        lengthMinutes: Int,
        place: Place,
        agenda: [String] = [],
        minutesPath: String? = nil,
        cancelled: Bool = false,
        cancellationReason: String? = nil,
        location: SourceLocation,
        minutesLocation: SourceLocation? = nil
    ) {
        self.start = start
        self.lengthMinutes = lengthMinutes
        self.place = place
        self.agenda = agenda
        self.minutesPath = minutesPath
        self.minutesLocation = minutesLocation
        self.cancelled = cancelled
        self.cancellationReason = cancellationReason
        self.location = location
    }
}

/// The yearly or one-off call for members sent to lists beyond the group.
package struct CallForMembers: Hashable, Sendable {
    /// When it goes out.
    package enum When: Hashable, Sendable {
        /// `on: 2025-09-03`: once.
        case once(LocalDate)
        /// `on: "09-03"`: every year on that month and day.
        case yearly(month: Int, day: Int)
    }

    package var to: [String]
    package var on: When

    package init(to: [String], on: When) {
        self.to = to
        self.on = on
    }
}

/// When the terms of reference were created and last updated.
package struct TermsOfReference: Hashable, Sendable {
    package var created: LocalDate
    package var updated: LocalDate

    package init(created: LocalDate, updated: LocalDate) {
        self.created = created
        self.updated = updated
    }
}

/// One SIG or CoP, read from `config/groups/<id>.yaml`, with defaults from convenor.yaml already applied.
package struct Group: Hashable, Sendable {
    package var id: String
    package var name: String
    package var type: GroupType
    /// The network it belongs to (defaults to the installation's `network`).
    package var network: String
    package var remit: String
    package var chairs: [Person]
    package var liaison: Person?
    package var institutions: [String]
    /// The list's posting address (JISCMail/LISTSERV, Google Group, or other).
    package var list: String
    package var timeZone: TimeZone
    package var termsOfReference: TermsOfReference?
    package var cadence: Cadence?
    package var callForMembers: CallForMembers?
    package var meetings: [Meeting]
    /// Timing for every kind: the installation's defaults overridden by the group's own `mailings:`.
    package var mailings: [MailingKind: MailingTiming]
    /// How list posts are sent (`posting:`); the defaults when the file has none.
    package var posting: PostingProfile
    /// The group file, for diagnostics that concern the group as a whole.
    package var source: SourceLocation
    /// What the public directory may show (`web:` in the group file): addresses and minutes are opt-in.
    package var listing: PublicListing = PublicListing()
    /// "No meeting this window", by window occurrence (`2027-02`): the file's `no_meeting:` entries and the chairs'
    /// web saves (`ChairOverlay`). No confirm-date reminder goes out for them and the overview asks for no date.
    package var windowSkips: [String: WindowSkip] = [:]

    /// The window occurrences with no meeting on purpose (the keys of `windowSkips`).
    package var skippedWindows: Set<String> { Set(windowSkips.keys) }

    package init(
        id: String,
        name: String,
        type: GroupType,
        network: String,
        remit: String,
        chairs: [Person],
        liaison: Person?,
        institutions: [String],
        list: String,
        timeZone: TimeZone,
        termsOfReference: TermsOfReference?,
        cadence: Cadence?,
        callForMembers: CallForMembers?,
        meetings: [Meeting],
        mailings: [MailingKind: MailingTiming],
        posting: PostingProfile = PostingProfile(),
        source: SourceLocation
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.network = network
        self.remit = remit
        self.chairs = chairs
        self.liaison = liaison
        self.institutions = institutions
        self.list = list
        self.timeZone = timeZone
        self.termsOfReference = termsOfReference
        self.cadence = cadence
        self.callForMembers = callForMembers
        self.meetings = meetings
        self.mailings = mailings
        self.posting = posting
        self.source = source
    }

    /// The timing for a kind; `.off` when neither the group nor the installation sets one.
    package func timing(for kind: MailingKind) -> MailingTiming {
        mailings[kind] ?? .off
    }
}

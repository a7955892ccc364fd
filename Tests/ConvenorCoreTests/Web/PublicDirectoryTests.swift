import ConvenorTesting
import Foundation
import Testing

@testable import ConvenorCore

/// The public pages show only what the list was told, and addresses and minutes only where the group opted in.
@Suite struct PublicDirectoryTests {
    typealias F = ConfigFixtures

    static let now = ISO8601DateFormatter().date(from: "2027-01-20T12:00:00Z")!
    static let june = F.meeting("2027-06-09 14:00")
    static let february = F.meeting("2027-02-10 14:00")

    static func announced(_ occurrence: String, start: String) -> AnnouncedOccurrence {
        AnnouncedOccurrence(
            group: "customer-services-cop",
            occurrence: occurrence,
            start: F.dateTime(start),
            startInstant: F.dateTime(start).instant(in: F.zone("Europe/London")),
            lengthMinutes: 90,
            place: Place(online: "https://teams.example.org/x"),
            sequence: 0,
            uid: "uid-\(occurrence)",
            updatedAt: now
        )
    }

    static func directory(announced: [AnnouncedOccurrence], listing: PublicListing = PublicListing()) -> PublicDirectory
    {
        var group = F.customerServicesCoP(meetings: [february, june])
        group.listing = listing
        return PublicDirectory(
            config: F.config(groups: [group]),
            snapshot: LedgerSnapshot([], announced: announced),
            now: now
        )
    }

    @Test func aConfirmedMeetingTheListHasNotHeardOfIsNotShown() throws {
        let group = try #require(Self.directory(announced: []).group(id: "customer-services-cop"))
        #expect(group.nextMeeting == nil)
        #expect(group.meetings.isEmpty)
    }

    @Test func anAnnouncedMeetingIsTheNextMeetingWithItsZoneAndWithoutItsJoinLink() throws {
        let directory = Self.directory(announced: [Self.announced("2027-02", start: "2027-02-10 14:00")])
        let group = try #require(directory.group(id: "customer-services-cop"))
        let next = try #require(group.nextMeeting)
        #expect(next.when == "Wed 10 Feb 2027, 14:00–15:30 GMT")
        #expect(next.startISO == "2027-02-10T14:00:00+00:00")
        #expect(next.place == "Online")
        #expect(group.meetings.map(\.occurrence) == ["2027-02"])
        #expect(directory.isPublic(group: "customer-services-cop", occurrence: "2027-02"))
        #expect(!directory.isPublic(group: "customer-services-cop", occurrence: "2027-06"))
    }

    @Test func chairsAddressesAppearOnlyWhenTheGroupOptsIn() throws {
        let hidden = try #require(Self.directory(announced: []).group(id: "customer-services-cop"))
        #expect(hidden.chairs.map(\.email) == [nil, nil])
        #expect(hidden.chairs.map(\.institution) == ["Leeds Beckett University", "Leeds Beckett University"])
        let shown = try #require(
            Self.directory(announced: [], listing: PublicListing(showAddresses: true)).group(
                id: "customer-services-cop"
            )
        )
        #expect(shown.chairs.map(\.email) == ["c.townson@example.ac.uk", "r.gladwin@example.ac.uk"])
    }

    @Test(arguments: [
        (
            "ALN-CUSTOMER-SERVICES-COP@JISCMAIL.AC.UK",
            "https://www.jiscmail.ac.uk/cgi-bin/wa-jisc.exe?A0=ALN-CUSTOMER-SERVICES-COP"
        ),
        ("rare-books@googlegroups.com", "https://groups.google.com/g/rare-books"),
        ("list@lists.example.ac.uk", nil),
        ("a\"><script>@jiscmail.ac.uk", nil),
    ])
    func joinInstructionsLinkOnlyToListServersConvenorKnows(list: String, url: String?) {
        #expect(JoinInstructions(list: list).url == url)
    }
}
